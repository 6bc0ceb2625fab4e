import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { encodeMessageId } from '@/lib/message-id';
import { toLocalInput } from '@/lib/scheduler';
import { rawImap } from '../support/dovecot';
import { folderMessages, postfixAccepted, until } from '../support/scheduler';
import { row, signIn } from './helpers';

/*
 * Snooze, Send later and Send's undo window in the browser (#21): the menus, the Scheduled and
 * Snoozed panels, the undo toast's countdown. schnee (not seeded) works; snip receives. The
 * scheduler's own timing (a message back at its time, a send at its time, across kill -9) is
 * checked in e2e/api/scheduler.test.ts and scheduler-processes.spec.ts.
 */

const USER = 'schnee';
const unique = (label: string) => `${label} ${randomBytes(4).toString('hex')}`;
const composer = (page: Page) => page.getByRole('dialog', { name: 'New message' });

async function appendToInbox(subject: string) {
  const client = await rawImap(USER);
  try {
    await client.append('INBOX', `From: Ann <ann@elsewhere.test>\r\nTo: ${USER}@example.com\r\nSubject: ${subject}\r\nDate: ${new Date().toUTCString()}\r\n\r\nSnooze me.\r\n`);
  } finally {
    await client.logout();
  }
}

async function subjectsIn(folder: string): Promise<string[]> {
  const client = await rawImap(USER);
  try {
    return (await folderMessages(client, folder)).map((m) => m.subject);
  } finally {
    await client.logout();
  }
}

async function write(page: Page, subject: string) {
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = composer(page);
  await dialog.getByRole('combobox', { name: 'To' }).fill('snip@example.com');
  await dialog.getByLabel('Subject').fill(subject);
  await dialog.getByRole('textbox', { name: 'Message body' }).fill('Hello.');
  return dialog;
}

test('Snooze a message to a chosen time: it waits in Snoozed with its time, Unsnooze brings it back', async ({ page }) => {
  const subject = unique('Snooze from the UI');
  await appendToInbox(subject);
  await signIn(page, USER);
  await row(page, subject).click();
  await page.getByRole('toolbar', { name: 'Open message actions' }).getByRole('button', { name: 'Snooze' }).click();
  const menu = page.getByRole('dialog', { name: 'Snooze until' });
  await expect(menu.getByRole('button', { name: /Tomorrow/ })).toBeVisible();
  await menu.getByLabel('Date and time').fill(toLocalInput(Date.now() + 2 * 3600_000));
  await menu.getByRole('button', { name: 'Snooze', exact: true }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Snoozed until' })).toBeVisible();
  await expect(row(page, subject)).toHaveCount(0);
  await until('in Snoozed', async () => (await subjectsIn('Snoozed')).includes(subject));

  await page.goto('/mail/Snoozed');
  const job = page.getByTestId('job').filter({ hasText: subject });
  await expect(job).toContainText('Back in Inbox');
  await job.getByRole('button', { name: 'Unsnooze' }).click();
  // Waking is an APPEND to INBOX, then the expunge from Snoozed: the toast comes after both.
  await expect(page.getByTestId('toast').filter({ hasText: 'Back in Inbox' })).toBeVisible();
  expect(await subjectsIn('INBOX')).toContain(subject);
  expect(await subjectsIn('Snoozed')).not.toContain(subject);
});

test('Send later: listed in Scheduled with its time, Edit takes it back into the composer unsent', async ({ page }) => {
  const subject = unique('Send later from the UI');
  await signIn(page, USER);
  const dialog = await write(page, subject);
  await dialog.getByRole('button', { name: 'Send later' }).click();
  await dialog.getByLabel('Send at').fill(toLocalInput(Date.now() + 3 * 3600_000));
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Scheduled for' })).toBeVisible();
  await until('in Scheduled', async () => (await subjectsIn('Scheduled')).includes(subject));

  await page.goto('/mail/Scheduled');
  const job = page.getByTestId('job').filter({ hasText: subject });
  await expect(job).toContainText('Sends');
  await expect(job).toContainText('snip@example.com');
  await job.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('dialog').getByLabel('Subject')).toHaveValue(subject);
  await until('out of Scheduled, in Drafts', async () => !(await subjectsIn('Scheduled')).includes(subject) && (await subjectsIn('Drafts')).includes(subject));
});

test('Send with an undo window: the toast counts down, Undo sends nothing and reopens the message', async ({ page }) => {
  const subject = unique('Undo from the UI');
  await signIn(page, USER);
  const origin = new URL(page.url()).origin;
  const settings = await (await page.request.get('/api/settings')).json();
  const res = await page.request.put('/api/settings', { data: { ...settings.settings, ui: { ...settings.settings.ui, undoSendSeconds: 30 } }, headers: { origin } });
  expect(res.status()).toBe(200);
  await page.reload();
  const dialog = await write(page, subject);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  const toast = page.getByTestId('toast').filter({ has: page.getByTestId('send-countdown') });
  await expect(toast).toContainText(/Sending in (2\d|30) s/);
  const first = await toast.getByTestId('send-countdown').textContent();
  await expect(toast.getByTestId('send-countdown')).not.toHaveText(first!);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('dialog').getByLabel('Subject')).toHaveValue(subject);
  const client = await rawImap(USER);
  try {
    const drafts = await folderMessages(client, 'Drafts');
    const draft = drafts.find((m) => m.subject === subject)!;
    expect(draft).toBeTruthy();
    expect(postfixAccepted(draft.messageId)).toBe(0);
  } finally {
    await client.logout();
  }
  expect(await subjectsIn('Scheduled')).not.toContain(subject);
});

test('Without Redis (this server keeps its state in memory) the scheduler acts the same: back at its time, sent once at its time', async ({ page }) => {
  const subject = unique('Memory snooze');
  const client = await rawImap(USER);
  let id: string;
  try {
    const appended = await client.append('INBOX', `From: a@elsewhere.test\r\nSubject: ${subject}\r\n\r\nx\r\n`, ['\\Seen']);
    if (!appended) throw new Error('APPEND failed');
    id = encodeMessageId({ path: 'INBOX', uidValidity: String(appended.uidValidity), uid: appended.uid! });
  } finally {
    await client.logout();
  }
  await signIn(page, USER);
  const headers = { origin: new URL(page.url()).origin };
  expect((await page.request.post('/api/snooze', { data: { ids: [id], until: Date.now() + 2000 }, headers })).status()).toBe(200);
  const composeId = randomUUID();
  const later = unique('Memory send later');
  const compose = { composeId, to: [{ name: '', address: 'snip@example.com' }], subject: later, html: '<p>x</p>', text: 'x' };
  expect((await page.request.post('/api/scheduled', { data: { compose, sendAt: Date.now() + 2000 }, headers })).status()).toBe(200);
  await until('the snoozed message back in INBOX', async () => (await subjectsIn('INBOX')).includes(subject));
  const messageId = `<${composeId}@example.com>`;
  await until('sent', () => postfixAccepted(messageId) > 0);
  await until('out of Scheduled', async () => !(await subjectsIn('Scheduled')).includes(later));
  expect(postfixAccepted(messageId)).toBe(1);
});
