import { expect, test, type Page } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { rawImap } from '../support/dovecot';
import { fixture } from '../support/manifest';
import { openFolder, row, signIn } from './helpers';

// Every action goes through the real UI; the server's state is then checked with a raw IMAP
// client: the message is in the destination with the same Message-ID, gone from the source.
// User `dave` has the fixtures to himself; each test works on its own messages.

const USER = 'otto';
let client: ImapFlow;

test.beforeAll(async () => {
  client = await rawImap(USER);
});
test.afterAll(async () => {
  await client.logout();
});

function messageIdOf(folder: string, subject: string): string {
  const id = (fixture(folder, subject) as { messageId?: string }).messageId;
  if (!id) throw new Error(`fixture "${subject}" has no Message-ID`);
  return id;
}

/** UIDs in `folder` of the message with this Message-ID, as the server says now. */
async function find(folder: string, messageId: string): Promise<number[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return found || [];
  } finally {
    lock.release();
  }
}

/** How many messages `folder` holds now (STATUS on the selected mailbox would answer from cache). */
async function countIn(folder: string): Promise<number> {
  const lock = await client.getMailboxLock(folder);
  try {
    await client.noop();
    return client.mailbox ? client.mailbox.exists : 0;
  } finally {
    lock.release();
  }
}

async function flagsOf(folder: string, messageId: string): Promise<Set<string>> {
  const [uid] = await find(folder, messageId);
  const lock = await client.getMailboxLock(folder);
  try {
    const msg = await client.fetchOne(String(uid), { flags: true }, { uid: true });
    return (msg && msg.flags) || new Set();
  } finally {
    lock.release();
  }
}

async function select(page: Page, subject: string, shift = false) {
  await row(page, subject).getByRole('checkbox').click({ modifiers: shift ? ['Shift'] : [] });
}

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Message actions' });

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page }) => {
  await signIn(page, USER);
});

test('Archive from the toolbar moves to the \\Archive folder; Undo puts exactly it back', async ({ page }) => {
  const mid = messageIdOf('INBOX', 'Plain hello');
  await select(page, 'Plain hello');
  await toolbar(page).getByRole('button', { name: 'Archive' }).click();
  await expect(row(page, 'Plain hello')).toHaveCount(0);
  await expect.poll(() => find('Archives', mid)).toHaveLength(1);
  expect(await find('INBOX', mid)).toEqual([]);

  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => find('INBOX', mid)).toHaveLength(1);
  expect(await find('Archives', mid)).toEqual([]);
  await expect(row(page, 'Plain hello')).toHaveCount(1);
});

test('keyboard: j moves the cursor, # deletes the message under it to Trash, z undoes', async ({ page }) => {
  const rows = page.getByTestId('message-row');
  const subject = (await rows.nth(1).locator('.message-subject').textContent())!;
  await page.locator('body').press('j');
  await expect(rows.nth(1)).toHaveAttribute('data-current', 'true');
  const mid = messageIdOf('INBOX', subject);
  await page.keyboard.press('#');
  await expect.poll(() => find('Deleted Items', mid)).toHaveLength(1);
  expect(await find('INBOX', mid)).toEqual([]);
  // z undoes what the toast offers to undo: wait until the answer has reached the page.
  await expect(page.getByRole('status').getByRole('button', { name: 'Undo' })).toBeVisible();
  await page.keyboard.press('z');
  await expect.poll(() => find('INBOX', mid)).toHaveLength(1);
});

test('! marks junk: into \\Junk with $Junk; "Not junk" brings it back with $NotJunk', async ({ page }) => {
  const subject = 'Café ☕ meeting';
  const mid = messageIdOf('INBOX', subject);
  await select(page, subject);
  await page.keyboard.press('!');
  await expect.poll(() => find('Spam', mid)).toHaveLength(1);
  expect(await flagsOf('Spam', mid)).toContain('$Junk');

  await openFolder(page, 'Spam');
  await select(page, subject);
  await toolbar(page).getByRole('button', { name: 'Not junk' }).click();
  await expect.poll(() => find('INBOX', mid)).toHaveLength(1);
  expect(await flagsOf('INBOX', mid)).toContain('$NotJunk');
});

test('drag a message onto a folder in the tree moves it there', async ({ page }) => {
  const subject = 'Inline logo';
  const mid = messageIdOf('INBOX', subject);
  await row(page, subject).dragTo(page.locator('[data-folder-path="Work"]'));
  await expect.poll(() => find('Work', mid)).toHaveLength(1);
  expect(await find('INBOX', mid)).toEqual([]);
});

test('"Move to…" with type-to-filter moves; the same menu copies', async ({ page }) => {
  const moved = messageIdOf('INBOX', 'Meeting notes 日本語');
  await select(page, 'Meeting notes 日本語');
  await toolbar(page).getByRole('button', { name: 'Move to…' }).click();
  const menu = page.getByRole('dialog', { name: 'Move to folder' });
  await menu.getByLabel('Filter folders').fill('proj');
  await expect(menu.getByRole('button')).toHaveText(['Projects']);
  await menu.getByRole('button', { name: 'Projects' }).click();
  await expect.poll(() => find('Work/Projects', moved)).toHaveLength(1);
  expect(await find('INBOX', moved)).toEqual([]);

  const copied = messageIdOf('INBOX', 'Hostile newsletter');
  await select(page, 'Hostile newsletter');
  await page.keyboard.press('v');
  await menu.getByLabel('Copy instead of move').check();
  await menu.getByRole('button', { name: 'Archive' }).click();
  await expect.poll(() => find('Archives', copied)).toHaveLength(1);
  expect(await find('INBOX', copied)).toHaveLength(1);
});

test('s stars and Shift+U marks unread, on the server', async ({ page }) => {
  const subject = 'Report attached';
  const mid = messageIdOf('INBOX', subject);
  await select(page, subject);
  await toolbar(page).getByRole('button', { name: 'Unstar' }).click();
  await expect.poll(async () => (await flagsOf('INBOX', mid)).has('\\Flagged')).toBe(false);
  await page.keyboard.press('s');
  await expect.poll(async () => (await flagsOf('INBOX', mid)).has('\\Flagged')).toBe(true);
  await page.keyboard.press('Shift+U');
  await expect.poll(async () => (await flagsOf('INBOX', mid)).has('\\Seen')).toBe(false);
  await expect(row(page, subject)).toHaveAttribute('data-unread', 'true');
});

test('shift-click selects a range; Delete moves exactly those to Trash', async ({ page }) => {
  await openFolder(page, 'Charsets');
  const rows = page.getByTestId('message-row');
  await expect(rows).toHaveCount(9);
  const subjects = await rows.locator('.message-subject').allTextContents();
  await select(page, subjects[1]);
  await select(page, subjects[3], true);
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
  await toolbar(page).getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(6);
  // The rows leave at once; the server's move completes a moment later.
  await expect.poll(() => countIn('Charsets')).toBe(6);
  // Exactly rows 1 to 3 went to Trash; the rows around them stayed.
  for (const [i, subject] of subjects.entries()) {
    const mid = messageIdOf('Charsets', subject);
    const inTrash = i >= 1 && i <= 3;
    expect([subject, (await find('Deleted Items', mid)).length, (await find('Charsets', mid)).length]).toEqual([subject, inTrash ? 1 : 0, inTrash ? 0 : 1]);
  }
});

test('select all moves the whole folder in one action', async ({ page }) => {
  await openFolder(page, 'Charsets');
  await toolbar(page).getByLabel('Select all messages in this folder').check();
  await expect(page.getByTestId('selection-count')).toHaveText('All 6 selected');
  await toolbar(page).getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText('No messages in this folder')).toBeVisible();
  await expect.poll(() => countIn('Charsets')).toBe(0);
  expect(await countIn('Archives')).toBeGreaterThanOrEqual(6);
});

test('Empty Trash asks how many messages go, then empties it on the server', async ({ page }) => {
  await openFolder(page, 'Deleted Items');
  const count = await countIn('Deleted Items');
  expect(count).toBeGreaterThan(0);
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain(`all ${count} message`);
    void dialog.accept();
  });
  await toolbar(page).getByRole('button', { name: 'Empty Trash' }).click();
  await expect(page.getByText('No messages in this folder')).toBeVisible();
  await expect.poll(() => countIn('Deleted Items')).toBe(0);
});

test('shortcuts never fire while typing; ? shows the help', async ({ page }) => {
  const subject = 'Plain hello';
  await select(page, subject);
  await toolbar(page).getByRole('button', { name: 'Move to…' }).click();
  const filter = page.getByLabel('Filter folders');
  await filter.pressSequentially('e#!s');
  await expect(filter).toHaveValue('e#!s');
  await page.keyboard.press('Escape');
  await expect(row(page, subject)).toHaveCount(1);
  expect(await find('INBOX', messageIdOf('INBOX', subject))).toHaveLength(1);
  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Archive');
});

test('a refused move rolls back: the row comes back and the user sees why', async ({ page }) => {
  const subject = 'Plain hello';
  const mid = messageIdOf('INBOX', subject);
  await client.mailboxCreate('Doomed');
  await page.reload();
  await expect(page.locator('[data-folder-path="Doomed"]')).toBeVisible();
  // The row is dragged over the folder, and another client deletes the folder just before the
  // drop: Wren hears of the delete (NOTIFY's MailboxName) and takes the folder out of the tree
  // within a second or two, so a drag started after the delete could find no folder to drop on.
  await row(page, subject).hover();
  await page.mouse.down();
  await page.locator('[data-folder-path="Doomed"]').hover();
  await page.locator('[data-folder-path="Doomed"]').hover({ position: { x: 8, y: 8 } });
  await client.mailboxDelete('Doomed');
  await page.mouse.up();
  await expect(page.getByRole('alert').filter({ hasText: 'Folder does not exist' })).toBeVisible();
  await expect(row(page, subject)).toHaveCount(1);
  expect(await find('INBOX', mid)).toHaveLength(1);
});

test('star from the list row; archive from the open message', async ({ page }) => {
  const subject = 'Meeting notes 日本語';
  const folder = 'Work/Projects';
  const mid = messageIdOf('INBOX', subject);
  await openFolder(page, folder);
  const target = row(page, subject);
  await target.getByRole('button', { name: 'Star' }).click();
  await expect.poll(async () => (await flagsOf(folder, mid)).has('\\Flagged')).toBe(true);
  await expect(target.getByRole('button', { name: 'Unstar' })).toBeVisible();

  await target.click();
  await expect(page.getByTestId('message-subject')).toHaveText(subject);
  await page.getByRole('toolbar', { name: 'Open message actions' }).getByRole('button', { name: 'Archive' }).click();
  await expect.poll(() => find('Archives', mid)).toHaveLength(1);
  expect(await find(folder, mid)).toEqual([]);
  await expect(page.getByText('Select a message to read it')).toBeVisible();
});
