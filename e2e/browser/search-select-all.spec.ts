import { expect, test } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { rawImap } from '../support/dovecot';
import { openFolder, signIn } from './helpers';

// A user of this spec's own, not seeded (specs run side by side): each test brings its messages
// (230 matching ones: more than four windows of 50), and checks the server with a raw IMAP client.
const USER = 'sela';

const ARCHIVE = 'Archives';

let client: ImapFlow;
let path = '';
test.beforeEach(async () => {
  client = await rawImap(USER);
});
test.afterEach(async () => {
  if (path) await client.mailboxDelete(path).catch(() => undefined);
  await client.logout();
});

const mail = (subject: string, i: number) =>
  `From: Weekly News <news@letter.example>\r\nTo: sela@example.com\r\nSubject: ${subject}\r\nDate: ${new Date(Date.UTC(2025, 0, 1, 0, i)).toUTCString()}\r\n\r\nHello\r\n`;

/** How many messages of `folder` have `word` in their subject, as the server says now. */
async function countWith(folder: string, word: string): Promise<number> {
  const lock = await client.getMailboxLock(folder);
  try {
    await client.noop();
    return ((await client.search({ subject: word }, { uid: true })) || []).length;
  } finally {
    lock.release();
  }
}

test('select all in search results: the bar offers all 230 with the true count; archive moves all 230, Undo brings all back', async ({ page }) => {
  // Hundreds of messages moved and moved back: 30 s is too short on a busy 2-core runner.
  test.setTimeout(90_000);
  const word = `newsletter${Date.now()}`;
  path = `Select${Date.now()}`;
  await client.mailboxCreate(path);
  await client.mailboxSubscribe(path);
  for (let i = 0; i < 230; i++) await client.append(path, mail(`${word} issue ${i + 1}`, i));
  for (let i = 0; i < 4; i++) await client.append(path, mail(`Unrelated ${i + 1}`, 300 + i));

  await signIn(page, USER);
  await openFolder(page, path);
  const box = page.getByLabel('Search mail');
  await box.fill(word);
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: `Search in ${path}` })).toBeVisible();
  await expect(page.getByTestId('message-row').first()).toBeVisible();

  const toolbar = page.getByRole('toolbar', { name: 'Message actions' });
  await toolbar.getByLabel('Select all messages in this folder').check();
  const bar = page.getByTestId('select-all-results');
  // Only some windows are loaded; the bar offers every result, with the server's count.
  await expect(bar).toContainText(/All \d+ loaded results are selected\./);
  const loaded = Number((await bar.textContent())!.match(/All (\d+) loaded/)![1]);
  expect(loaded).toBeLessThan(230);
  await bar.getByRole('button', { name: 'Select all 230 results that match this search' }).click();
  await expect(bar).toHaveText(/All 230 results are selected\.\s*Clear selection/);
  await expect(page.getByTestId('selection-count')).toHaveText('All 230 selected');

  await toolbar.getByRole('button', { name: 'Archive' }).click();
  const toast = page.getByRole('status').filter({ hasText: '230 messages archived' });
  await expect(toast).toBeVisible();
  await expect.poll(() => countWith(ARCHIVE, word)).toBe(230);
  expect(await countWith(path, word)).toBe(0);
  // Nothing else moved.
  expect(await countWith(path, 'Unrelated')).toBe(4);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
  expect(await countWith(path, word)).toBe(230);
  expect(await countWith(ARCHIVE, word)).toBe(0);
  await expect(page.getByTestId('message-row').first()).toBeVisible();
});

test('"Clear selection" after selecting all results leaves nothing selected', async ({ page }) => {
  const word = `digest${Date.now()}`;
  path = `Clear${Date.now()}`;
  await client.mailboxCreate(path);
  await client.mailboxSubscribe(path);
  for (let i = 0; i < 120; i++) await client.append(path, mail(`${word} ${i + 1}`, i));

  await signIn(page, USER);
  await openFolder(page, path);
  const box = page.getByLabel('Search mail');
  await box.fill(word);
  await box.press('Enter');
  await expect(page.getByTestId('message-row').first()).toBeVisible();
  const toolbar = page.getByRole('toolbar', { name: 'Message actions' });
  // Ticked, it selects the results loaded so far: a window of results arriving just after the
  // tick unticks it (not all loaded are selected then), as it did once in CI61. Ticked again then.
  await expect(async () => {
    await toolbar.getByLabel('Select all messages in this folder').check();
    await page.getByRole('button', { name: 'Select all 120 results that match this search' }).click({ timeout: 2_000 });
  }).toPass();
  await page.getByTestId('select-all-results').getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByTestId('selection-count')).toHaveCount(0);
  await expect(page.getByTestId('select-all-results')).toHaveCount(0);
  await expect(toolbar.getByLabel('Select all messages in this folder')).not.toBeChecked();
});

test('all-folder search: past the 500 rows shown, select all takes all 530 results of two folders; Undo brings each back', async ({ page }) => {
  // Hundreds of messages moved and moved back: 30 s is too short on a busy 2-core runner.
  test.setTimeout(90_000);
  const word = `bulletin${Date.now()}`;
  path = `Many${Date.now()}`;
  await client.mailboxCreate(path);
  await client.mailboxSubscribe(path);
  for (let i = 0; i < 510; i++) await client.append(path, mail(`${word} ${i + 1}`, i));
  for (let i = 0; i < 20; i++) await client.append('INBOX', mail(`${word} inbox ${i + 1}`, 600 + i));
  try {
    await signIn(page, USER);
    await page.getByLabel('Search scope').selectOption('all');
    const box = page.getByLabel('Search mail');
    await box.fill(word);
    await box.press('Enter');
    await expect(page.getByRole('heading', { name: 'Search in all folders' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Showing the newest 500' })).toBeVisible();

    const toolbar = page.getByRole('toolbar', { name: 'Message actions' });
    await toolbar.getByLabel('Select all messages in this folder').check();
    const bar = page.getByTestId('select-all-results');
    await expect(bar).toContainText('All 500 loaded results are selected.');
    await bar.getByRole('button', { name: 'Select all 530 results that match this search' }).click();
    await expect(page.getByTestId('selection-count')).toHaveText('All 530 selected');

    await toolbar.getByRole('button', { name: 'Archive' }).click();
    const toast = page.getByRole('status').filter({ hasText: '530 messages archived' });
    await expect(toast).toBeVisible();
    expect(await countWith(ARCHIVE, word)).toBe(530);
    expect(await countWith(path, word)).toBe(0);
    expect(await countWith('INBOX', word)).toBe(0);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
    expect(await countWith(path, word)).toBe(510);
    expect(await countWith('INBOX', word)).toBe(20);
    expect(await countWith(ARCHIVE, word)).toBe(0);
    // The search runs again and shows them (and is over before the folder is deleted).
    await expect(page.getByRole('status').filter({ hasText: 'Showing the newest 500' })).toBeVisible();
  } finally {
    // Leave the Inbox as it was for the next test.
    const lock = await client.getMailboxLock('INBOX');
    try {
      const uids = (await client.search({ subject: word }, { uid: true })) || [];
      if (uids.length) await client.messageDelete(uids.join(','), { uid: true });
    } finally {
      lock.release();
    }
  }
});
