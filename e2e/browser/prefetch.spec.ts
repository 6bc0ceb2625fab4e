import { expect, test, type Page, type Request } from '@playwright/test';
import { hasFlag, rawImap, resetToMessageRows, uidsWithSubject } from '../support/dovecot';
import { row, signIn } from './helpers';

// Messages fetched ahead of opening (#22): the row the pointer rests on, the keyboard cursor's and
// the next ones in reading order, once the list is idle; a copy fetched ahead marks nothing read,
// opens without a second request, and one wanted no more is cancelled in flight. pfau is not
// seeded: each run appends eight unread messages of its own, newest on top: row i is SUBJECTS[i].
const USER = 'pfau';
const RUN = Date.now().toString(36);
const SUBJECTS = Array.from({ length: 8 }, (_, i) => `Ahead ${i} ${RUN}`);
/** The HTML ones (in a sandboxed frame when open). */
const HTML_ROW = 5;
const HTML_ROWS = [4, HTML_ROW];
const FRAME = 'iframe[title="Message body"]';

function mail(subject: string, i: number, html: boolean): string {
  return [
    'From: Paula Fetch <paula@example.com>',
    `To: ${USER}@example.com`,
    `Subject: ${subject}`,
    `Date: ${new Date(Date.now() + i * 60_000).toUTCString()}`,
    `Message-ID: <ahead-${RUN}-${i}@example.com>`,
    'MIME-Version: 1.0',
    `Content-Type: text/${html ? 'html' : 'plain'}; charset=utf-8`,
    '',
    html ? `<p>Body of <b>${subject}</b></p>` : `Body of ${subject}`,
    '',
  ].join('\r\n');
}

test.beforeAll(async () => {
  await resetToMessageRows(USER);
  const client = await rawImap(USER);
  try {
    // Appended oldest first, each a minute later: the list shows SUBJECTS in order.
    for (let i = SUBJECTS.length - 1; i >= 0; i--) await client.append('INBOX', mail(SUBJECTS[i], -i, HTML_ROWS.includes(i)), [], new Date(Date.now() - i * 60_000));
  } finally {
    await client.logout();
  }
});

/** The message id a GET of one message asks for, or null for any other request. */
function messageGet(r: Request): string | null {
  const match = /^\/api\/messages\/([^/?]+)$/.exec(new URL(r.url()).pathname);
  return r.method() === 'GET' && match && match[1] !== 'changes' ? decodeURIComponent(match[1]) : null;
}

/** The id of the row showing `subject` (the last segment of its link). */
async function idOf(page: Page, subject: string): Promise<string> {
  const href = await row(page, subject).locator('a[href]').getAttribute('href');
  return decodeURIComponent(href!.split('?')[0].split('/').pop()!);
}

/** Signed in as USER: the ids of the rows, and every message GET answered from now on (kept in `answered`). */
async function signedInWatching(page: Page): Promise<{ answered: string[]; ids: string[] }> {
  const answered: string[] = [];
  page.on('requestfinished', (r) => void (messageGet(r) && answered.push(messageGet(r)!)));
  await signIn(page, USER);
  return { answered, ids: await Promise.all(SUBJECTS.map((s) => idOf(page, s))) };
}

/** Whether message `subject` of pfau's Inbox is \Seen on the server now. */
async function seenOnServer(subject: string): Promise<boolean> {
  const client = await rawImap(USER);
  try {
    await client.mailboxOpen('INBOX');
    const [uid] = await uidsWithSubject(client, 'INBOX', subject);
    return await hasFlag(client, uid, '\\Seen');
  } finally {
    await client.logout();
  }
}

test('hovered and cursor rows are fetched ahead, unread; opening one paints the copy with no second request; moving on cancels', async ({ page }) => {
  test.setTimeout(90_000);
  const gets: string[] = [];
  const answered: string[] = [];
  const cancelled: string[] = [];
  page.on('request', (r) => void (messageGet(r) && gets.push(messageGet(r)!)));
  page.on('requestfinished', (r) => void (messageGet(r) && answered.push(messageGet(r)!)));
  page.on('requestfailed', (r) => void (messageGet(r) && cancelled.push(messageGet(r)!)));
  const count = (id: string) => gets.filter((g) => g === id).length;

  await signIn(page, USER);
  const ids = await Promise.all(SUBJECTS.map((s) => idOf(page, s)));
  // Nothing is fetched ahead before the user moves in the list.
  expect(gets).toEqual([]);

  // The pointer rests on row 5: fetched ahead (and sanitized), and still unread, here and on
  // the server. The keyboard cursor's rows (0 to 2: nothing moved it yet) come with it.
  await row(page, SUBJECTS[HTML_ROW]).hover();
  await expect.poll(() => [HTML_ROW, 0, 1, 2].every((i) => answered.includes(ids[i]))).toBe(true);
  await expect(row(page, SUBJECTS[HTML_ROW])).toHaveAttribute('data-unread', 'true');
  expect(await seenOnServer(SUBJECTS[HTML_ROW])).toBe(false);
  expect(await seenOnServer(SUBJECTS[0])).toBe(false);

  // Opening it paints the copy (in its sandboxed frame) without asking again; opening marks it read.
  await row(page, SUBJECTS[HTML_ROW]).locator('a[href]').click();
  await expect(page.getByTestId('message-subject')).toHaveText(SUBJECTS[HTML_ROW]);
  await expect(page.frameLocator('iframe[title="Message body"]').locator('b')).toHaveText(SUBJECTS[HTML_ROW]);
  expect(await page.locator('iframe[title="Message body"]').getAttribute('sandbox')).not.toContain('allow-scripts');
  await expect.poll(() => seenOnServer(SUBJECTS[HTML_ROW])).toBe(true);
  expect(count(ids[HTML_ROW])).toBe(1);

  // The next in reading order (row 6) is fetched ahead while it is open: j opens it from the
  // copy, with no request of its own; it was unread until then.
  await expect.poll(() => answered.includes(ids[6])).toBe(true);
  expect(await seenOnServer(SUBJECTS[6])).toBe(false);
  await page.keyboard.press('j');
  await expect(page.getByTestId('message-subject')).toHaveText(SUBJECTS[6]);
  await expect(page.getByTestId('plain-body')).toContainText(`Body of ${SUBJECTS[6]}`);
  expect(count(ids[6])).toBe(1);
  await expect.poll(() => seenOnServer(SUBJECTS[6])).toBe(true);

  // Moving on cancels: row 3 (not wanted so far) is held by the network; the pointer goes on to
  // row 4, and the fetch of row 3 is aborted in flight. Neither was opened: both stay unread.
  expect(count(ids[3])).toBe(0);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route((url) => url.pathname === `/api/messages/${ids[3]}`, () => release());
  await row(page, SUBJECTS[3]).hover();
  await held;
  await row(page, SUBJECTS[4]).hover();
  await expect.poll(() => cancelled.includes(ids[3])).toBe(true);
  await expect.poll(() => answered.includes(ids[4])).toBe(true);
  expect(await seenOnServer(SUBJECTS[3])).toBe(false);
  expect(await seenOnServer(SUBJECTS[4])).toBe(false);
  await expect(row(page, SUBJECTS[4])).toHaveAttribute('data-unread', 'true');
});

test('a copy fetched ahead opens in the first render, written into the frame already there', async ({ page }) => {
  test.setTimeout(60_000);
  const { answered, ids } = await signedInWatching(page);
  await row(page, SUBJECTS[HTML_ROW]).locator('a[href]').click();
  await expect(page.frameLocator(FRAME).locator('b')).toHaveText(SUBJECTS[HTML_ROW]);

  // From here on: the frame element is marked, and every state the message pane shows is kept.
  await page.evaluate((frame) => {
    (document.querySelector(frame) as HTMLIFrameElement & { wrenMark?: boolean }).wrenMark = true;
    const pane = document.querySelector('main[aria-label="Message"]')!;
    const shown: string[] = [];
    (window as unknown as { paneStates: string[] }).paneStates = shown;
    new MutationObserver(() => shown.push(pane.textContent ?? '')).observe(pane, { childList: true, subtree: true, characterData: true });
  }, FRAME);

  // Row 4 (HTML too) fetched ahead under the pointer, then k: its copy shows in the first render
  // (never "Loading…" in between), written into the same sandboxed frame, under its CSP.
  await row(page, SUBJECTS[4]).hover();
  await expect.poll(() => answered.includes(ids[4])).toBe(true);
  await page.keyboard.press('k');
  await expect(page.getByTestId('message-subject')).toHaveText(SUBJECTS[4]);
  await expect(page.frameLocator(FRAME).locator('b')).toHaveText(SUBJECTS[4]);
  await expect(page).toHaveURL(new RegExp(`/${ids[4]}$`));
  const states = await page.evaluate(() => (window as unknown as { paneStates: string[] }).paneStates);
  expect(states.length).toBeGreaterThan(0);
  expect(states.filter((text) => text.includes('Loading'))).toEqual([]);
  expect(await page.locator(FRAME).evaluate((f) => (f as HTMLIFrameElement & { wrenMark?: boolean }).wrenMark)).toBe(true);
  expect(await page.locator(FRAME).getAttribute('sandbox')).not.toContain('allow-scripts');
  await expect(page.frameLocator(FRAME).locator('head > meta[http-equiv="Content-Security-Policy"]:first-child')).toHaveCount(1);
  // Opening it marked it read, as any open does.
  await expect.poll(() => seenOnServer(SUBJECTS[4])).toBe(true);

  // A plain message next (row 3, fetched ahead, then k): the frame stays, hidden, under its text;
  // back on the HTML one (j), that same frame shows its body again: no frame made or removed.
  const marked = () => page.locator(FRAME).evaluate((f) => (f as HTMLIFrameElement & { wrenMark?: boolean }).wrenMark);
  await row(page, SUBJECTS[3]).hover();
  await expect.poll(() => answered.includes(ids[3])).toBe(true);
  const answersOf4 = () => answered.filter((id) => id === ids[4]).length;
  const before = answersOf4();
  await page.keyboard.press('k');
  await expect(page.getByTestId('message-subject')).toHaveText(SUBJECTS[3]);
  await expect(page.getByTestId('plain-body')).toContainText(`Body of ${SUBJECTS[3]}`);
  await expect(page.locator(FRAME)).toBeHidden();
  expect(await marked()).toBe(true);
  // Row 4, the next in reading order, is fetched ahead again (its first copy was taken by its
  // open): j opens it from that copy. (Without a copy: the next test.)
  await expect.poll(answersOf4).toBeGreaterThan(before);
  await page.keyboard.press('j');
  await expect(page.getByTestId('message-subject')).toHaveText(SUBJECTS[4]);
  await expect(page.frameLocator(FRAME).locator('b')).toHaveText(SUBJECTS[4]);
  await expect(page.locator(FRAME)).toBeVisible();
  expect(await marked()).toBe(true);
  expect(await page.locator(FRAME).getAttribute('sandbox')).not.toContain('allow-scripts');
});

test('a message not fetched ahead: "Loading" hides the one before, whose frame is kept for it', async ({ page }) => {
  const { ids } = await signedInWatching(page);
  await row(page, SUBJECTS[HTML_ROW]).locator('a[href]').click();
  await expect(page.frameLocator(FRAME).locator('b')).toHaveText(SUBJECTS[HTML_ROW]);
  await page.locator(FRAME).evaluate((f) => void ((f as HTMLIFrameElement & { wrenMark?: boolean }).wrenMark = true));

  // Row 4 (HTML) is held by the network, fetched ahead or not: k opens it with no copy yet.
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === `/api/messages/${ids[4]}`,
    async (route) => {
      await gate;
      await route.continue();
    },
  );
  await page.keyboard.press('k');
  await expect(page).toHaveURL(new RegExp(`/${ids[4]}$`));
  await expect(page.getByText('Loading message…')).toBeVisible();
  await expect(page.getByTestId('message-subject')).toBeHidden();
  await expect(page.locator(FRAME)).toBeHidden();

  // Once it comes, it shows in the frame of the message before: no frame made again.
  release();
  await expect(page.getByTestId('message-subject')).toHaveText(SUBJECTS[4]);
  await expect(page.frameLocator(FRAME).locator('b')).toHaveText(SUBJECTS[4]);
  await expect(page.getByText('Loading message…')).toHaveCount(0);
  expect(await page.locator(FRAME).evaluate((f) => (f as HTMLIFrameElement & { wrenMark?: boolean }).wrenMark)).toBe(true);
  expect(await page.locator(FRAME).getAttribute('sandbox')).not.toContain('allow-scripts');
});

test('a copy fetched ahead is on screen when the click or the key is done: its own render, not the router’s after it', async ({ page }) => {
  test.setTimeout(60_000);
  const { answered, ids } = await signedInWatching(page);
  /** After `act`, its microtasks only (no task later, so not the router's transition): what the pane shows, and the URL. */
  const shownAfter = (act: 'click' | 'j', i: number) =>
    page.evaluate(
      async ([how, index]) => {
        if (how === 'click') (document.querySelectorAll('[data-testid="message-row"] a[href]')[index] as HTMLElement).click();
        else window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }));
        await Promise.resolve();
        await Promise.resolve();
        const frame = document.querySelector<HTMLIFrameElement>('main[aria-label="Message"] iframe[title="Message body"]');
        return {
          subject: document.querySelector('[data-testid="message-subject"]')?.textContent ?? null,
          body: frame && frame.getBoundingClientRect().height > 0 ? (frame.contentDocument?.querySelector('b')?.textContent ?? null) : null,
          path: location.pathname,
        };
      },
      [act, i] as const,
    );

  // The pointer rests on row 4 (HTML) until its copy is in; the click: its body is in the frame
  // by the end of the click's own microtasks, and the URL names it.
  await row(page, SUBJECTS[4]).hover();
  await expect.poll(() => answered.includes(ids[4])).toBe(true);
  expect(await shownAfter('click', 4)).toEqual({ subject: SUBJECTS[4], body: SUBJECTS[4], path: expect.stringMatching(new RegExp(`/${ids[4]}$`)) });
  // The router follows, and the view stays.
  await expect(page).toHaveURL(new RegExp(`/${ids[4]}$`));
  await expect(page.getByTestId('message-subject')).toHaveText(SUBJECTS[4]);

  // j to row 5 (HTML), once its copy fetched ahead is in: the same.
  await expect.poll(() => answered.includes(ids[5])).toBe(true);
  expect(await shownAfter('j', 0)).toEqual({ subject: SUBJECTS[5], body: SUBJECTS[5], path: expect.stringMatching(new RegExp(`/${ids[5]}$`)) });
  await expect(page.getByTestId('message-subject')).toHaveText(SUBJECTS[5]);
  await expect(page.frameLocator(FRAME).locator('b')).toHaveText(SUBJECTS[5]);
  await expect(row(page, SUBJECTS[5]).locator('a[href]')).toHaveAttribute('aria-current', 'true');

  // Back: the message before (the entry j replaced was row 4's; Back leaves the message for the list).
  await page.goBack();
  await expect(page.getByTestId('message-subject')).toHaveCount(0);
  await expect(page).not.toHaveURL(new RegExp(`/${ids[5]}$`));
});
