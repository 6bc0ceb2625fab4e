import { expect, test, type Page } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { rawImap } from '../support/dovecot';
import { openFolder, row, signIn } from './helpers';

// Each shortcut that acts on mail is checked on the server with a raw IMAP client. kit (a user of this spec's own) is not
// seeded and no other spec counts her folders beyond the one each of its tests makes: every test
// here brings its messages in a folder of its own (Archives only receives what `e` archives).

let client: ImapFlow;
test.beforeEach(async () => {
  client = await rawImap('kit');
});
test.afterEach(async () => {
  await client.logout();
});

const mail = (subject: string) => `From: Ann Example <ann@example.org>\r\nTo: kit@example.com\r\nSubject: ${subject}\r\nDate: Mon, 1 Sep 2025 10:00:00 +0000\r\n\r\nHello\r\n`;

/** A fresh folder holding these messages, the first the oldest: the list shows the last on top. */
async function folderWith(label: string, subjects: string[]): Promise<{ path: string; subjects: string[] }> {
  const path = `${label}${Date.now()}`;
  await client.mailboxCreate(path);
  await client.mailboxSubscribe(path);
  const named = subjects.map((s) => `${s} ${path}`);
  for (const subject of named) await client.append(path, mail(subject));
  return { path, subjects: named };
}

/** Subject and flags of every message in `path`, as the server says now, sorted by subject. */
async function serverState(path: string): Promise<Array<{ subject: string; flags: string[] }>> {
  const lock = await client.getMailboxLock(path);
  try {
    await client.noop();
    const messages = await client.fetchAll('1:*', { envelope: true, flags: true }, { uid: true }).catch(() => []);
    return messages.map((m) => ({ subject: m.envelope?.subject ?? '', flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort() })).sort((a, b) => a.subject.localeCompare(b.subject));
  } finally {
    lock.release();
  }
}

const subjectsIn = async (path: string) => (await serverState(path)).map((m) => m.subject);
const flagsOf = async (path: string, subject: string) => (await serverState(path)).find((m) => m.subject === subject)?.flags ?? null;
const rows = (page: Page) => page.getByTestId('message-row');
const openSubject = (page: Page) => page.getByTestId('message-subject');
const press = (page: Page, key: string) => page.locator('body').press(key);

async function start(page: Page, label: string, subjects: string[]) {
  const folder = await folderWith(label, subjects);
  await signIn(page, 'kit');
  await openFolder(page, folder.path);
  await expect(rows(page)).toHaveCount(subjects.length);
  await expect(rows(page).first()).toHaveAttribute('data-current', 'true');
  return folder;
}

test('o opens the message under the cursor (read on the server), u goes back to the list, Enter opens', async ({ page }) => {
  const { path, subjects: [older, newer] } = await start(page, 'KeysOpen', ['Older', 'Newer']);
  await press(page, 'o');
  await expect(openSubject(page)).toHaveText(newer);
  await expect.poll(() => flagsOf(path, newer)).toContain('\\Seen');

  await press(page, 'u');
  await expect(openSubject(page)).toHaveCount(0);
  await expect(page.getByText('Select a message to read it')).toBeVisible();

  await press(page, 'j');
  await expect(rows(page).nth(1)).toHaveAttribute('data-current', 'true');
  await expect(openSubject(page)).toHaveCount(0);
  await press(page, 'Enter');
  await expect(openSubject(page)).toHaveText(older);
  await expect.poll(() => flagsOf(path, older)).toContain('\\Seen');
});

test('x selects the message under the cursor; e archives the selection: in Archives on the server, gone from the folder', async ({ page }) => {
  const { path, subjects: [first, second, third] } = await start(page, 'KeysArchive', ['First', 'Second', 'Third']);
  await press(page, 'j');
  await press(page, 'x');
  await press(page, 'j');
  await press(page, 'x');
  await expect(row(page, second).getByRole('checkbox')).toBeChecked();
  await expect(row(page, first).getByRole('checkbox')).toBeChecked();
  await expect(row(page, third).getByRole('checkbox')).not.toBeChecked();

  await press(page, 'e');
  await expect.poll(() => subjectsIn(path)).toEqual([third]);
  const archived = await subjectsIn('Archives');
  expect(archived).toContain(first);
  expect(archived).toContain(second);
  await expect(rows(page)).toHaveCount(1);
});

test('Shift+I marks the message under the cursor read on the server; v opens "Move to…", which moves it', async ({ page }) => {
  const target = `KeysTarget${Date.now()}`;
  await client.mailboxCreate(target);
  await client.mailboxSubscribe(target);
  const { path, subjects: [stays, moves] } = await start(page, 'KeysMove', ['Stays', 'Moves']);
  await expect(row(page, moves)).toHaveAttribute('data-unread', 'true');

  await press(page, 'Shift+I');
  await expect.poll(() => flagsOf(path, moves)).toContain('\\Seen');
  await expect(row(page, moves)).toHaveAttribute('data-unread', 'false');
  expect(await flagsOf(path, stays)).not.toContain('\\Seen');

  await press(page, 'v');
  const menu = page.getByRole('dialog', { name: 'Move to folder' });
  await expect(menu).toBeVisible();
  await menu.getByRole('button', { name: target }).click();
  await expect.poll(() => subjectsIn(target)).toEqual([moves]);
  expect(await subjectsIn(path)).toEqual([stays]);
});

// Every shortcut key, typed as text: in a field it must only be text.
const TYPED = 'jokes fix vases #1! Iris Ursa crave zebras? u/x';

/** Nothing a shortcut would have done happened: in the page and on the server. */
async function expectNothingHappened(page: Page, path: string, subjects: string[]) {
  await expect(rows(page)).toHaveCount(subjects.length);
  await expect(rows(page).first()).toHaveAttribute('data-current', 'true');
  for (const subject of subjects) {
    await expect(row(page, subject).getByRole('checkbox')).not.toBeChecked();
    await expect(row(page, subject)).toHaveAttribute('data-unread', 'true');
  }
  await expect(openSubject(page)).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Move to folder' })).toHaveCount(0);
  expect(await serverState(path)).toEqual(subjects.map((subject) => ({ subject, flags: [] })).sort((a, b) => a.subject.localeCompare(b.subject)));
}

test('typing shortcut letters in the search box only types them', async ({ page }) => {
  const { path, subjects } = await start(page, 'KeysSearch', ['Quiet one', 'Quiet two']);
  const box = page.getByRole('searchbox', { name: 'Search mail' });
  await box.click();
  await page.keyboard.type(TYPED);
  await expect(box).toHaveValue(TYPED);
  await expect(box).toBeFocused();
  await expect(page.locator('[data-composer]')).toHaveCount(0);
  await expectNothingHappened(page, path, subjects);
});

test('typing shortcut letters in the composer (subject and body) only types them', async ({ page }) => {
  const { path, subjects } = await start(page, 'KeysCompose', ['Calm one', 'Calm two']);
  await press(page, 'c');
  const composer = page.getByRole('dialog', { name: 'New message' });
  await composer.getByLabel('Subject').click();
  await page.keyboard.type(TYPED);
  await expect(composer.getByLabel('Subject')).toHaveValue(TYPED);
  const body = composer.getByRole('textbox', { name: 'Message body' });
  await body.click();
  await page.keyboard.type(TYPED);
  await expect(body).toHaveText(TYPED);
  await expect(composer).toBeVisible();
  await expect(page.locator('[data-composer]')).toHaveCount(1);
  await expectNothingHappened(page, path, subjects);
});
