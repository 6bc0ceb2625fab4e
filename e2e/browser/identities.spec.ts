import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { rawImap, resetToMessageRows, serverMetadataEntry, uidsWithSubject } from '../support/dovecot';
import { row, signIn } from './helpers';

// Identities and signatures from the UI: iris (this spec's own user; Postfix lets her send as
// iris@example.com and sales@example.com) adds one in Settings and answers mail sent to it;
// rita writes to it, and her INBOX holds the answer as delivered (through the test Postfix),
// read back over IMAP.
const USER = 'iris';

let iris: ImapFlow;
let rita: ImapFlow;
test.beforeAll(async () => {
  // From no settings at all, whatever an earlier run left.
  await resetToMessageRows(USER);
  [iris, rita] = await Promise.all([rawImap(USER), rawImap('rita')]);
});
test.afterAll(async () => {
  await Promise.all([iris.logout(), rita.logout()]);
});

const unique = (label: string) => `${label} ${randomBytes(4).toString('hex')}`;

/** The delivered message in rita's INBOX with `subject`: its source, once Postfix has handed it over. */
async function delivered(subject: string): Promise<string> {
  await expect.poll(() => uidsWithSubject(rita, 'INBOX', subject), { timeout: 15_000 }).toHaveLength(1);
  const [uid] = await uidsWithSubject(rita, 'INBOX', subject);
  const lock = await rita.getMailboxLock('INBOX');
  try {
    const msg = await rita.fetchOne(String(uid), { source: true }, { uid: true });
    // Unfolded, quoted-printable soft breaks joined: the text as a reader sees it.
    return msg ? msg.source!.toString('utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=') : '';
  } finally {
    lock.release();
  }
}

/** Saves settings for iris through the API, as the settings page would (whole, with Origin). */
async function putSettings(page: Page, settings: unknown) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.put('/api/settings', { data: settings, headers: { origin } });
  expect(res.status()).toBe(200);
}

const SALES = { id: 'sales', name: 'Iris Sales', address: 'sales@example.com', signatureHtml: '<p>Iris, <strong>Sales team</strong></p>', isDefault: true };

test('an identity added in Settings answers mail sent to it: the reply is from it, with its Reply-To and its signature above the quote', async ({ page }) => {
  await signIn(page, USER);
  await page.goto('/settings/identities');
  await page.getByRole('button', { name: 'Add identity' }).click();
  const form = page.getByRole('form', { name: 'New identity' });
  await form.getByLabel('Name', { exact: true }).fill('Iris Sales');
  await form.getByLabel('Address', { exact: true }).fill('sales@example.com');
  await form.getByLabel('Reply-To (optional)').fill('orders@example.com');
  // The composer's editor, for a formatted signature.
  const signature = form.getByRole('textbox', { name: 'Signature' });
  await signature.click();
  await page.keyboard.type('Iris, ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('Sales team');
  await form.getByRole('button', { name: 'Save identity' }).click();
  await expect(page.getByRole('list', { name: 'Identities' })).toContainText('Iris Sales <sales@example.com>');

  const subject = unique('Order');
  await iris.append('INBOX', `From: Rita <rita@example.com>\r\nTo: Sales <sales@example.com>\r\nSubject: ${subject}\r\nMessage-ID: <${randomBytes(6).toString('hex')}@outside.example>\r\n\r\nWhere is my order?\r\n`);
  await page.getByRole('link', { name: '← Back to mail' }).click();
  await row(page, subject).click();
  await page.getByRole('toolbar', { name: 'Open message actions' }).getByRole('button', { name: 'Reply', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Reply' });
  // Sent to sales@: the reply is from that identity, not from iris@ (the account) or the default.
  const from = dialog.getByLabel('From address');
  await expect(from.locator('option:checked')).toHaveText('Iris Sales <sales@example.com>');
  await expect(dialog.getByLabel('Your name')).toHaveValue('Iris Sales');
  const body = dialog.getByRole('textbox', { name: 'Message body' });
  await expect(body).toContainText('Sales team');
  // Above the quote (the default): under the line where the reply starts.
  expect(await body.evaluate((el) => el.innerHTML.indexOf('Sales team') < el.innerHTML.indexOf('wrote:'))).toBe(true);
  await page.keyboard.type('Shipped today.');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog).toBeHidden();

  const source = await delivered(`Re: ${subject}`);
  expect(source).toMatch(/^From: Iris Sales <sales@example\.com>$/m);
  expect(source).toMatch(/^Reply-To: orders@example\.com$/m);
  // What was typed, the signature (without the editor's mark), then the quote.
  expect(source).toMatch(/<p>Shipped today\.<\/p><div><p>Iris, <strong>Sales team<\/strong><\/p><\/div><p>On [^<]*wrote:<\/p><blockquote>/);
});

test('choosing another From swaps an unchanged signature and keeps an edited one; a new message starts from the default identity', async ({ page }) => {
  await signIn(page, USER);
  await putSettings(page, { displayName: 'Iris Green', identities: [SALES], ui: { conversations: false, undoSendSeconds: 0 } });
  await page.reload();
  await page.getByRole('button', { name: 'Compose' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  const from = dialog.getByLabel('From address');
  const body = dialog.getByRole('textbox', { name: 'Message body' });
  await expect(from.locator('option:checked')).toHaveText('Iris Sales <sales@example.com>');
  await expect(body).toContainText('Sales team');

  await from.selectOption({ label: 'Iris Green <iris@example.com>' });
  await expect(dialog.getByLabel('Your name')).toHaveValue('Iris Green');
  await expect(body).not.toContainText('Sales team');
  await from.selectOption({ label: 'Iris Sales <sales@example.com>' });
  await expect(body).toContainText('Sales team');

  // Edited: the user's now, and it stays whatever From is chosen.
  await body.getByText('Sales team').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' (weekdays)');
  await from.selectOption({ label: 'Iris Green <iris@example.com>' });
  await expect(body).toContainText('Sales team (weekdays)');
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
});

test('a display name an earlier version kept in this browser moves into the settings once, and the composer uses it', async ({ page }) => {
  await resetToMessageRows(USER);
  await signIn(page, USER);
  await page.evaluate(() => localStorage.setItem('wren.displayName', 'Iris from before'));
  await page.getByRole('button', { name: 'Compose' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await expect(dialog.getByLabel('Your name')).toHaveValue('Iris from before');
  await expect.poll(async () => JSON.parse((await serverMetadataEntry(USER, '/private/vendor/wren/settings')) ?? '{}').displayName).toBe('Iris from before');
  // Forgotten here once the server's answer to the save is back (just after the server has it).
  await expect.poll(() => page.evaluate(() => localStorage.getItem('wren.displayName'))).toBeNull();
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
});
