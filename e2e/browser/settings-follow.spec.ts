import { expect, test, type Browser, type Page } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { hasFlag, rawImap, resetToMessageRows, uidsWithSubject } from '../support/dovecot';
import { startWren, within, type Wren } from '../support/wren-process';
import { expectHydrated, PASSWORD, row, signInWithForm } from './helpers';
import { pointIn, touchDrag } from './touch';

/*
 * Settings that follow the user (IMAP METADATA): saved in one browser, they appear in another
 * browser context, through a second Wren process that has no Redis, and after that process is
 * restarted; the preferences apply to the mail view after a reload. User pref, its own. Serial
 * (playwright.config.ts): it runs Wren processes of its own.
 */
const USER = 'pref';
const SUBJECTS = ['Follow one', 'Follow two', 'Follow three'];

let client: ImapFlow;
test.beforeAll(async () => {
  await resetToMessageRows(USER);
  client = await rawImap(USER);
  for (const subject of SUBJECTS) {
    if ((await uidsWithSubject(client, 'INBOX', subject)).length) continue;
    await client.append('INBOX', `From: Sender <sender@outside.example>\r\nTo: ${USER}@example.com\r\nSubject: ${subject}\r\nDate: ${new Date().toUTCString()}\r\n\r\nA line of preview text.\r\n`);
  }
});

/** Signs in through the form of the Wren at `origin` (another process than the specs' own). */
async function signInAt(page: Page, origin: string) {
  await page.goto(`${origin}/login`);
  await page.getByLabel('Username').fill(USER);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/mail$/);
}

/** The General section at `origin` shows what the first browser saved. */
async function expectSaved(page: Page, origin = '') {
  await page.goto(`${origin}/settings/general`);
  await expect(page.getByLabel('Display name')).toHaveValue('Pref Erence');
  await expect(page.getByRole('radio', { name: 'Compact' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Below the list' })).toBeChecked();
  await expect(page.getByLabel('Undo stays offered for')).toHaveValue('20');
  await expect(page.getByRole('radio', { name: 'Left deletes, right archives' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Below the quoted message' })).toBeChecked();
  await expect(page.getByTestId('settings-storage-note')).toHaveText(/on your mail server/);
}

async function putSettings(page: Page, settings: unknown) {
  const res = await page.request.put('/api/settings', { data: settings, headers: { origin: new URL(page.url()).origin } });
  expect(res.status()).toBe(200);
}

async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext(options);
  return { context, page: await context.newPage() };
}

test('saved in one browser, the settings show in a second one, through a second Wren without Redis, and after it restarts', async ({ page, browser }) => {
  // Two Wren processes start (each waits for /api/health): seconds each on a busy machine.
  test.setTimeout(120_000);
  // The first browser saves (a context of its own: its own cookie, its own session). The second
  // one, which reads the settings back through three processes, is the test's own page, so a
  // failure there leaves its page snapshot in the test's error context.
  const first = await newPage(browser);
  try {
    await signInWithForm(first.page, USER);
    await first.page.goto('/settings/general');
    await expectHydrated(first.page, first.page.getByLabel('Display name'));
    await first.page.getByLabel('Display name').fill('Pref Erence');
    await first.page.getByRole('radio', { name: 'Compact' }).check();
    await first.page.getByRole('radio', { name: 'Below the list' }).check();
    await first.page.getByLabel('Undo stays offered for').selectOption('20');
    await first.page.getByRole('radio', { name: 'Left deletes, right archives' }).check();
    await first.page.getByRole('radio', { name: 'Below the quoted message' }).check();
    await first.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(first.page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  } finally {
    await first.context.close();
  }

  let wren: Wren | undefined;
  try {
    await signInWithForm(page, USER);
    await expectSaved(page);

    // Another Wren process, with no Redis: sessions in its memory, nothing shared with the first.
    wren = await startWren({ env: { REDIS_URL: undefined } });
    await signInAt(page, wren.origin);
    await expectSaved(page, wren.origin);

    // Restarted: its memory is gone (the session too), the settings are not.
    wren.process.kill('SIGTERM');
    await within(15_000, wren.exited, 'the Wren without Redis stopping');
    wren = await startWren({ env: { REDIS_URL: undefined } });
    await signInAt(page, wren.origin);
    await expectSaved(page, wren.origin);
  } finally {
    if (wren && wren.process.exitCode === null && wren.process.signalCode === null) wren.process.kill('SIGKILL');
  }
});

test('after a reload, the mail view follows the preferences: compact rows, the reading pane below or off, marking read after the delay', async ({ page }) => {
  const subject = SUBJECTS[0];
  const [uid] = await uidsWithSubject(client, 'INBOX', subject);
  const lock = await client.getMailboxLock('INBOX');
  try {
    await client.messageFlagsRemove(String(uid), ['\\Seen'], { uid: true });
  } finally {
    lock.release();
  }
  await signInWithForm(page, USER);
  // From the defaults: comfortable rows with their preview line.
  await putSettings(page, {});
  await page.reload();
  await expect(row(page, subject).locator('.message-preview')).toBeVisible();
  expect(await row(page, subject).evaluate((el) => el.parentElement!.style.height)).toBe('72px');

  await putSettings(page, { ui: { density: 'compact', readingPane: 'bottom', markReadDelayMs: 10_000, conversations: false, undoSendSeconds: 0 } });
  await page.reload();
  const list = page.getByRole('region', { name: 'Message list' });
  await expect(row(page, subject)).toBeVisible();
  expect(await row(page, subject).evaluate((el) => el.parentElement!.style.height)).toBe('52px');
  await expect(row(page, subject).locator('.message-preview')).toBeHidden();

  // Below the list: the message pane under it, as wide.
  await row(page, subject).click();
  const message = page.getByRole('main', { name: 'Message' });
  await expect(message.getByRole('button', { name: 'Mark read' })).toBeVisible();
  const [listBox, messageBox] = [await list.boundingBox(), await message.boundingBox()];
  expect(messageBox!.y).toBeGreaterThanOrEqual(listBox!.y + listBox!.height - 1);
  expect(Math.abs(messageBox!.width - listBox!.width)).toBeLessThan(2);
  // Not read yet: it is marked after 10 s open (the button says "Mark read", the server has no \Seen).
  await expect(row(page, subject)).toHaveAttribute('data-unread', 'true');
  expect(await hasFlag(client, uid, '\\Seen')).toBe(false);

  // Off: the open message takes the list's place, with a Back to it.
  await putSettings(page, { ui: { readingPane: 'off', markReadDelayMs: 10_000, conversations: false, undoSendSeconds: 0 } });
  await page.reload();
  await expect(list).toBeHidden();
  await expect(message.getByRole('heading', { name: subject })).toBeVisible();
  await message.getByRole('button', { name: '← Back' }).click();
  await expect(list).toBeVisible();
  await expect(message).toBeHidden();
});

test('after a reload, a left swipe on a phone takes the side chosen in the settings', async ({ browser }) => {
  const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const { page } = phone;
    await signInWithForm(page, USER);
    await putSettings(page, { ui: { swipeLeft: 'delete' } });
    await page.reload();
    const subject = SUBJECTS[2];
    const target = row(page, subject);
    const start = await pointIn(target, 0.8);
    await touchDrag(page, start, { x: 30, y: start.y });
    await expect(page.getByTestId('toast')).toContainText('moved to Trash');
    await expect.poll(() => uidsWithSubject(client, 'Deleted Items', subject)).toHaveLength(1);
  } finally {
    await phone.context.close();
  }
});

// For a rerun on the same stack: the message swiped away goes back to the INBOX.
test.afterAll(async () => {
  const lock = await client.getMailboxLock('Deleted Items');
  try {
    const uids = await client.search({ subject: SUBJECTS[2] }, { uid: true });
    if (uids && uids.length) await client.messageMove(uids.join(','), 'INBOX', { uid: true });
  } finally {
    lock.release();
  }
  await client.logout();
});
