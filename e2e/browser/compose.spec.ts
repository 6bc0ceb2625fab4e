import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { hasFlag, rawImap, uidsWithSubject } from '../support/dovecot';
import { openFolder, row, signIn } from './helpers';

// Journeys of several saves, folder switches and a send: the Forward one takes 17.9 s on a quiet
// machine and ran past 30 s in CI31, the drafts one in CI32, with the machine loaded.
test.describe.configure({ timeout: 60_000 });

// The composer in a real browser against the real stack: Wren sends through the test Postfix,
// which delivers <user>@example.com into the test Dovecot. dave writes; bob receives (his INBOX
// holds only what tests sent him). Each test uses a subject of its own, so order does not matter.
// Messages put in dave's INBOX are removed after each test: the organize suite reads its rows.

const USER = 'dave';
const SENT = 'Sent Messages';
const DRAFTS = 'Drafts';

let dave: ImapFlow;
let bob: ImapFlow;
let delivered: number[] = [];

test.beforeAll(async () => {
  [dave, bob] = await Promise.all([rawImap(USER), rawImap('bob')]);
});
test.afterEach(async () => {
  if (!delivered.length) return;
  const lock = await dave.getMailboxLock('INBOX');
  try {
    await dave.messageDelete(delivered.join(','), { uid: true });
    delivered = [];
  } finally {
    lock.release();
  }
});
test.afterAll(async () => {
  await Promise.all([dave.logout(), bob.logout()]);
});

const unique = (label: string) => `${label} ${randomBytes(4).toString('hex')}`;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const composer = (page: Page, name = 'New message') => page.getByRole('dialog', { name });
const body = (page: Page, name?: string) => composer(page, name).getByRole('textbox', { name: 'Message body' });

/** The one message in `folder` with `subject`: its envelope and the bytes of each attachment. */
async function readMessage(client: ImapFlow, folder: string, subject: string) {
  const [uid] = await uidsWithSubject(client, folder, subject);
  const lock = await client.getMailboxLock(folder);
  try {
    const msg = await client.fetchOne(String(uid), { envelope: true, bodyStructure: true, source: true }, { uid: true });
    if (!msg) throw new Error(`no message "${subject}" in ${folder}`);
    const files: Record<string, string> = {};
    for (const node of msg.bodyStructure?.childNodes ?? []) {
      const name = node.dispositionParameters?.filename ?? node.parameters?.name;
      if (!name) continue;
      const { content } = await client.download(String(uid), node.part, { uid: true });
      if (!content) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of content) chunks.push(chunk as Buffer);
      files[name] = sha256(Buffer.concat(chunks));
    }
    return { uid, envelope: msg.envelope!, source: msg.source!.toString('utf8'), files };
  } finally {
    lock.release();
  }
}

/** Puts a message in dave's INBOX as if bob had sent it. */
async function deliverToDave(subject: string, contentType: string, content: string) {
  const messageId = `<${randomUUID()}@example.com>`;
  const raw = [
    'From: Bob Builder <bob@example.com>',
    'To: dave@example.com',
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    '',
    content,
    '',
  ].join('\r\n');
  const stored = await dave.append('INBOX', raw);
  if (!stored || !stored.uid) throw new Error('APPEND gave no UID');
  delivered.push(stored.uid);
  return { uid: stored.uid, messageId };
}

async function addRecipient(page: Page, address: string, dialog = composer(page)) {
  const to = dialog.getByRole('combobox', { name: 'To' });
  await to.fill(address);
  await to.press('Enter');
}

test('a new message with an attachment reaches bob byte for byte; Sent keeps a copy', async ({ page }) => {
  await signIn(page, USER);
  const subject = unique('Quarterly report');
  const bytes = randomBytes(200_000);
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = composer(page);
  await addRecipient(page, 'Bob Builder <bob@example.com>');
  await expect(dialog.getByTestId('recipient-chip')).toHaveText(['Bob Builder×']);
  await dialog.getByLabel('Subject').fill(subject);
  await body(page).fill('Hello Bob, the report is attached.');
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'report.bin', mimeType: 'application/octet-stream', buffer: bytes });
  await expect(dialog.getByTestId('compose-attachment')).toContainText('report.bin');
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('toast').filter({ hasText: 'Message sent' })).toBeVisible();
  await expect.poll(() => uidsWithSubject(bob, 'INBOX', subject), { timeout: 15_000 }).toHaveLength(1);
  const received = await readMessage(bob, 'INBOX', subject);
  expect(received.files).toEqual({ 'report.bin': sha256(bytes) });
  expect(received.envelope.from?.[0]?.address).toBe('dave@example.com');
  expect(received.source).toContain('Hello Bob, the report is attached.');
  expect(await uidsWithSubject(dave, SENT, subject)).toHaveLength(1);
});

test('Reply is prefilled (recipient, Re: subject, quote); sending flags the original \\Answered', async ({ page }) => {
  const subject = unique('Numbers for Q3');
  const original = await deliverToDave(subject, 'text/plain; charset=utf-8', 'Can you check the numbers?');
  await signIn(page, USER);
  await row(page, subject).click();
  await page.getByRole('toolbar', { name: 'Open message actions' }).getByRole('button', { name: 'Reply', exact: true }).click();

  const dialog = composer(page, 'Reply');
  await expect(dialog.getByTestId('recipient-chip')).toHaveText(['Bob Builder×']);
  await expect(dialog.getByLabel('Subject')).toHaveValue(`Re: ${subject}`);
  await expect(body(page, 'Reply').locator('blockquote')).toContainText('Can you check the numbers?');
  // The caret starts above the quote.
  await page.keyboard.type('They add up.');
  await expect(body(page, 'Reply').locator('p').first()).toHaveText('They add up.');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();

  await expect(dialog).toBeHidden();
  await expect.poll(() => uidsWithSubject(bob, 'INBOX', `Re: ${subject}`), { timeout: 15_000 }).toHaveLength(1);
  const reply = await readMessage(bob, 'INBOX', `Re: ${subject}`);
  expect(reply.envelope.inReplyTo).toBe(original.messageId);
  const lock = await dave.getMailboxLock('INBOX');
  try {
    await expect.poll(() => hasFlag(dave, original.uid, '\\Answered')).toBe(true);
  } finally {
    lock.release();
  }
});

test('Forward carries the original’s attachment, also through a draft saved, continued and saved again', async ({ page }) => {
  const subject = unique('Data set');
  const bytes = randomBytes(30_000);
  const original = await deliverToDave(
    subject,
    'multipart/mixed; boundary="wren-part"',
    [
      '--wren-part',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The data set is attached.',
      '--wren-part',
      'Content-Type: application/octet-stream; name="data.bin"',
      'Content-Disposition: attachment; filename="data.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      bytes.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--wren-part--',
    ].join('\r\n'),
  );
  await signIn(page, USER);
  await row(page, subject).click();
  await page.getByRole('toolbar', { name: 'Open message actions' }).getByRole('button', { name: 'Forward' }).click();
  let dialog = composer(page, 'Forward');
  await expect(dialog.getByLabel('Subject')).toHaveValue(`Fwd: ${subject}`);
  await expect(dialog.getByTestId('compose-attachment')).toContainText('data.bin');
  await addRecipient(page, 'bob@example.com', dialog);
  await expect(dialog.getByTestId('save-status')).toHaveText('Saved', { timeout: 10_000 });
  await dialog.getByRole('button', { name: 'Save and close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('toast').filter({ hasText: 'Draft saved' })).toBeVisible();

  // Continued from Drafts, the attachment is a part of the draft; each save replaces the draft.
  await openFolder(page, DRAFTS);
  await row(page, `Fwd: ${subject}`).click();
  dialog = composer(page, 'Forward');
  await expect(dialog.getByTestId('compose-attachment')).toContainText('data.bin');
  for (const words of ['Here it is.', ' Enjoy.']) {
    const [before] = await uidsWithSubject(dave, DRAFTS, subject);
    await body(page, 'Forward').press('Control+Home');
    await page.keyboard.type(words);
    await expect.poll(async () => (await uidsWithSubject(dave, DRAFTS, subject)).filter((uid) => uid !== before), { timeout: 10_000 }).toHaveLength(1);
    await expect.poll(() => uidsWithSubject(dave, DRAFTS, subject)).toHaveLength(1);
    await expect(dialog.getByTestId('save-status')).toHaveText('Saved');
  }
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect.poll(() => uidsWithSubject(bob, 'INBOX', `Fwd: ${subject}`), { timeout: 15_000 }).toHaveLength(1);
  expect((await readMessage(bob, 'INBOX', `Fwd: ${subject}`)).files).toEqual({ 'data.bin': sha256(bytes) });
  await expect.poll(() => uidsWithSubject(dave, DRAFTS, subject)).toEqual([]);
  const lock = await dave.getMailboxLock('INBOX');
  try {
    await expect.poll(() => hasFlag(dave, original.uid, '$Forwarded')).toBe(true);
  } finally {
    lock.release();
  }
});

test('a double click on Send sends one request and delivers exactly one message', async ({ page }) => {
  await signIn(page, USER);
  const subject = unique('Only once');
  const sends: string[] = [];
  page.on('request', (req) => req.method() === 'POST' && req.url().endsWith('/api/send') && sends.push(req.url()));
  await page.keyboard.press('c');
  const dialog = composer(page);
  await addRecipient(page, 'bob@example.com');
  await dialog.getByLabel('Subject').fill(subject);
  await body(page).fill('One copy, please.');
  await dialog.getByRole('button', { name: 'Send', exact: true }).dblclick();

  await expect(dialog).toBeHidden();
  await expect.poll(() => uidsWithSubject(bob, 'INBOX', subject), { timeout: 15_000 }).toHaveLength(1);
  // Time for a second copy to arrive, if one had been sent.
  await page.waitForTimeout(1500);
  expect(await uidsWithSubject(bob, 'INBOX', subject)).toHaveLength(1);
  expect(sends).toHaveLength(1);
});

test('drafts: autosaved while typing, saved on reload, continued from Drafts, then discarded', async ({ page }) => {
  await signIn(page, USER);
  const subject = unique('Half-written');
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = composer(page);
  await addRecipient(page, 'bob@example.com');
  await dialog.getByLabel('Subject').fill(subject);
  await body(page).fill('First thoughts');
  await expect(dialog.getByTestId('save-status')).toHaveText('Saved', { timeout: 10_000 });
  expect(await uidsWithSubject(dave, DRAFTS, subject)).toHaveLength(1);

  // Typed just before the page goes away: saved on pagehide, replacing the draft (not a copy).
  await body(page).press('End');
  await page.keyboard.type(' and second thoughts');
  await page.reload();
  await expect.poll(async () => (await uidsWithSubject(dave, DRAFTS, subject)).length).toBe(1);
  await expect.poll(async () => (await readMessage(dave, DRAFTS, subject)).source).toContain('First thoughts and second thoughts');

  await openFolder(page, DRAFTS);
  await row(page, subject).click();
  await expect(dialog.getByLabel('Subject')).toHaveValue(subject);
  await expect(body(page)).toHaveText('First thoughts and second thoughts');
  await expect(dialog.getByTestId('recipient-chip')).toHaveText(['bob@example.com×']);
  await dialog.getByRole('button', { name: 'Discard' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('toast').filter({ hasText: 'Draft discarded' })).toBeVisible();
  await expect.poll(() => uidsWithSubject(dave, DRAFTS, subject)).toEqual([]);
  await expect(row(page, subject)).toHaveCount(0);
});

test('an attachment over the limit is refused before any upload', async ({ page }) => {
  await signIn(page, USER);
  const uploads: string[] = [];
  page.on('request', (req) => req.method() === 'POST' && req.url().includes('/api/uploads') && uploads.push(req.url()));
  const config = (await (await page.request.get('/api/compose/config')).json()) as { maxAttachmentBytes: number };
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = composer(page);
  // A sparse file on disk: Chromium reads a path itself, where a buffer of that size would cross
  // the DevTools protocol in base64 (seconds on a loaded machine).
  const huge = join(test.info().outputDir, 'huge.iso');
  mkdirSync(dirname(huge), { recursive: true });
  writeFileSync(huge, '');
  truncateSync(huge, config.maxAttachmentBytes + 1);
  await dialog.locator('input[type="file"]').setInputFiles(huge);

  await expect(dialog.getByRole('alert')).toContainText('“huge.iso”');
  await expect(dialog.getByRole('alert')).toContainText('attachments are limited to');
  await expect(dialog.getByTestId('compose-attachment')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(uploads).toEqual([]);
});

test('an invalid address stays as a red chip and blocks Send with a clear message; contacts are suggested', async ({ page }) => {
  await signIn(page, USER);
  const sends: string[] = [];
  page.on('request', (req) => req.method() === 'POST' && req.url().endsWith('/api/send') && sends.push(req.url()));
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = composer(page);
  const to = dialog.getByRole('combobox', { name: 'To' });
  await to.fill('"Doe, Jo" <jo@example.com>, not-an-address,');
  await expect(dialog.getByTestId('recipient-chip')).toHaveText(['Doe, Jo×', 'not-an-address (not a valid address)×']);
  await expect(dialog.locator('[data-testid="recipient-chip"][data-valid="false"]')).toHaveCount(1);

  // Someone dave heard from (the seeded INBOX), picked with the arrow keys.
  await to.pressSequentially('olivia');
  await expect(dialog.getByRole('option', { name: /Olivia Plain/ })).toBeVisible();
  await to.press('ArrowDown');
  await to.press('Enter');
  await expect(dialog.getByTestId('recipient-chip')).toHaveCount(3);

  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('“not-an-address” is not a valid email address: correct or remove it before sending.');
  expect(sends).toEqual([]);
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
});

test('a recipient the server refuses: nothing is sent, the composer stays with the reason, the draft is kept', async ({ page }) => {
  await signIn(page, USER);
  const subject = unique('Nobody home');
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = composer(page);
  await addRecipient(page, 'nobody@example.com');
  await dialog.getByLabel('Subject').fill(subject);
  await body(page).fill('Is anyone there?');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();

  await expect(dialog.getByRole('alert')).toContainText('refused');
  await expect(dialog.getByRole('alert')).toContainText('Nothing was sent');
  await expect(dialog.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
  await expect.poll(() => uidsWithSubject(dave, DRAFTS, subject), { timeout: 10_000 }).toHaveLength(1);
  expect(await uidsWithSubject(dave, SENT, subject)).toEqual([]);
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect.poll(() => uidsWithSubject(dave, DRAFTS, subject)).toEqual([]);
});

test('Plain text mode sends the text alone, without formatting', async ({ page }) => {
  await signIn(page, USER);
  const subject = unique('Just text');
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = composer(page);
  await addRecipient(page, 'bob@example.com');
  await dialog.getByLabel('Subject').fill(subject);
  await body(page).fill('Bold move');
  await body(page).selectText();
  await dialog.getByRole('button', { name: 'Bold' }).click();
  await expect(body(page).locator('strong')).toHaveText('Bold move');
  await dialog.getByLabel('Plain text').check();
  await expect(body(page)).toHaveValue('Bold move');
  await body(page).fill('Bold move, <b>not</b> bold');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect.poll(() => uidsWithSubject(bob, 'INBOX', subject), { timeout: 15_000 }).toHaveLength(1);
  const { source } = await readMessage(bob, 'INBOX', subject);
  expect(source).toMatch(/^Content-Type: text\/plain/im);
  expect(source).not.toMatch(/text\/html/i);
  expect(source).toContain('Bold move, <b>not</b> bold');
});

test('an address in a plain-text message opens the composer, not another program', async ({ page }) => {
  const subject = unique('Who to ask');
  await deliverToDave(subject, 'text/plain; charset=utf-8', 'Ask carol@example.com about it.');
  await signIn(page, USER);
  await row(page, subject).click();
  await page.getByTestId('plain-body').getByRole('link', { name: 'carol@example.com' }).click();
  await expect(composer(page).getByTestId('recipient-chip')).toHaveText(['carol@example.com×']);
  expect(page.context().pages()).toHaveLength(1);
});

test('a mailto: link in a message opens the composer prefilled', async ({ page }) => {
  const subject = unique('Contact list');
  await deliverToDave(subject, 'text/html; charset=utf-8', '<p>Write to <a href="mailto:ann@example.com?subject=Hi%20there&amp;body=Line">mail ann</a></p>');
  await signIn(page, USER);
  await row(page, subject).click();
  await page.frameLocator('iframe[title="Message body"]').getByRole('link', { name: 'mail ann' }).click();

  const dialog = composer(page);
  await expect(dialog.getByTestId('recipient-chip')).toHaveText(['ann@example.com×']);
  await expect(dialog.getByLabel('Subject')).toHaveValue('Hi there');
  await expect(body(page)).toHaveText('Line');
  expect(page.context().pages()).toHaveLength(1);
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
});

test('the composer’s code and the editor load only when a compose opens', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', (res) => res.request().resourceType() === 'script' && scripts.push(res.url()));
  const withEditor = async (urls: string[]) => {
    const found: string[] = [];
    for (const url of urls) if ((await (await page.request.get(url)).text()).includes('ProseMirror')) found.push(url);
    return found;
  };
  await signIn(page, USER);
  const loaded = () => page.evaluate(() => (window as { __WREN_COMPOSER_LOADED__?: boolean }).__WREN_COMPOSER_LOADED__);
  expect(await loaded()).toBeUndefined();
  const before = scripts.length;
  expect(before).toBeGreaterThan(0);
  expect(await withEditor(scripts)).toEqual([]);

  await page.getByRole('button', { name: 'Compose' }).click();
  await expect(composer(page)).toBeVisible();
  expect(await loaded()).toBe(true);
  // One chunk or several (the bundler decides how it splits the editor): loaded now, not before.
  expect((await withEditor(scripts.slice(before))).length).toBeGreaterThan(0);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('Compose is on the list and the composer fills the screen', async ({ page }) => {
    await signIn(page, USER);
    await page.getByRole('button', { name: 'Compose' }).click();
    const box = await composer(page).boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    await composer(page).getByRole('button', { name: 'Save and close' }).click();
    await expect(composer(page)).toBeHidden();
  });
});
