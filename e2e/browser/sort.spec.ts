import { expect, test, type Page } from '@playwright/test';
import { rawImap, rawImapSession, wrenCommands } from '../support/dovecot';
import { openFolder, signIn } from './helpers';

/*
 * Sorting (issue 21): the list's Sort menu orders a folder by the server's SORT (RFC 5256), and
 * the choice is kept per folder in the user's settings (IMAP METADATA): a reload shows the same
 * order from the server's first paint. sorin, not seeded: the folder is made here.
 */
const USER = 'sorin';
const FOLDER = 'Sorted';
const SUBJECTS = ['Mango', 'apple', 'Re: Kiwi', 'banana'];

test.beforeAll(async () => {
  expect(await rawImapSession(USER, ['SETMETADATA "" (/private/vendor/wren/settings NIL)'])).toMatch(/^c0 OK/m);
  const client = await rawImap(USER);
  try {
    await client.mailboxDelete(FOLDER).catch(() => undefined);
    await client.mailboxCreate(FOLDER);
    await client.mailboxSubscribe(FOLDER);
    for (const [i, subject] of SUBJECTS.entries()) {
      const mail = [`From: Sender ${i} <s${i}@sort.test>`, `To: ${USER}@example.com`, `Subject: ${subject}`, `Date: ${new Date(Date.UTC(2024, 0, 1 + i)).toUTCString()}`, '', `Body ${i}`, ''];
      await client.append(FOLDER, mail.join('\r\n'), ['\\Seen']);
    }
  } finally {
    await client.logout();
  }
});

const shownSubjects = (page: Page) => page.getByTestId('message-row').locator('.message-subject').allTextContents();

async function chooseSort(page: Page, item: string) {
  await page.getByRole('button', { name: 'Sort', exact: true }).click();
  await page.getByRole('menuitemradio', { name: item }).click();
}

test('the Sort menu orders the folder with SORT, and the order is kept for the folder across a reload', async ({ page }) => {
  await signIn(page, USER);
  await openFolder(page, FOLDER);
  // Arrival order, newest first: the default.
  await expect.poll(() => shownSubjects(page)).toEqual(['banana', 'Re: Kiwi', 'apple', 'Mango']);

  await chooseSort(page, 'Subject');
  await expect.poll(() => shownSubjects(page)).toEqual(['Mango', 'Re: Kiwi', 'banana', 'apple']);
  await chooseSort(page, 'A to Z');
  await expect.poll(() => shownSubjects(page)).toEqual(['apple', 'banana', 'Re: Kiwi', 'Mango']);
  await page.getByRole('button', { name: 'Sort', exact: true }).click();
  await expect(page.getByRole('menuitemradio', { name: 'Subject' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('menuitemradio', { name: 'A to Z' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  expect(wrenCommands(USER).some((c) => c.includes('UID SORT (SUBJECT) UTF-8 ALL'))).toBe(true);

  // Saved into the settings (one folder's order): the reload's first paint is already sorted.
  await expect.poll(async () => (await rawImapSession(USER, ['GETMETADATA "" (/private/vendor/wren/settings)'])).includes('"Sorted":"subject-asc"')).toBe(true);
  await page.reload();
  await expect.poll(() => shownSubjects(page)).toEqual(['apple', 'banana', 'Re: Kiwi', 'Mango']);

  // Another folder keeps its own (the default) order.
  await openFolder(page, 'INBOX');
  await openFolder(page, FOLDER);
  await expect.poll(() => shownSubjects(page)).toEqual(['apple', 'banana', 'Re: Kiwi', 'Mango']);
  await chooseSort(page, 'Date');
  await expect.poll(() => shownSubjects(page)).toEqual(['Mango', 'apple', 'Re: Kiwi', 'banana']);
});
