import { expect, test } from '@playwright/test';
import { rawImap, uidsWithSubject, wrenCommandLogs } from '../support/dovecot';
import { row, signInWithForm } from './helpers';

/*
 * A search URL opened (a reload of a search, a bookmark): while the page loads, the server readies
 * the session's search connection (logged in, the folder selected), as the focused search box
 * has it do, so the browser's search, sent once the page has hydrated, waits for neither.
 * Read from Dovecot's raw logs of surl's connections. User surl, its own (not seeded).
 */
const USER = 'surl';
const SUBJECT = 'Found from a search URL';

/** surl's connections Wren made (they say ID "Wren"), oldest first, each as its commands. */
const wrenConnections = () => wrenCommandLogs(USER).map((log) => log.map((line) => line.text));
const count = (commands: string[], pattern: RegExp) => commands.filter((c) => pattern.test(c)).length;

test.beforeAll(async () => {
  const client = await rawImap(USER);
  try {
    if (!(await uidsWithSubject(client, 'INBOX', SUBJECT)).length) {
      await client.append('INBOX', `From: Sender <sender@outside.example>\r\nTo: ${USER}@example.com\r\nSubject: ${SUBJECT}\r\nDate: ${new Date().toUTCString()}\r\n\r\nA line.\r\n`);
    }
  } finally {
    await client.logout();
  }
});

test('a search URL: the page readies the search connection before the browser searches, which then sends only its SEARCH', async ({ page }) => {
  // No live updates in this browser: their stream would open a connection of its own (IDLE), and
  // the session's connections are counted here.
  await page.route(/\/api\/events\b/, (route) => route.abort());
  await signInWithForm(page, USER);
  const before = wrenConnections().length;

  // The browser's search is held until the connection is seen readied: only the page's server
  // render can have opened it.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/messages\?.*\bq=/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(`/mail/INBOX?q=${encodeURIComponent('subject:"search URL"')}`);

  // One connection more (the search lane): logged in, INBOX selected, nothing searched yet.
  await expect.poll(() => wrenConnections().length, { timeout: 15_000 }).toBe(before + 1);
  await expect.poll(() => count(wrenConnections().at(-1)!, /^\S+ SELECT "?INBOX"?/i)).toBe(1);
  expect(count(wrenConnections().at(-1)!, /^\S+ (UID )?SEARCH /i)).toBe(0);

  release();
  await expect(row(page, SUBJECT)).toBeVisible();
  // The search went to that connection (Dovecot's raw log starts after the login): no other one
  // was opened, and it did not select the folder again.
  const after = wrenConnections();
  expect(after.length).toBe(before + 1);
  const searched = after.at(-1)!;
  expect(count(searched, /^\S+ (UID )?SEARCH /i)).toBe(1);
  expect(count(searched, /^\S+ SELECT /i)).toBe(1);
});
