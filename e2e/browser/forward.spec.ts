import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { openFolder, row, signIn } from './helpers';

// A forward through the real composer keeps the original's inline image: the editor shows it,
// and what bob receives (through the test Postfix) has it with the Content-ID its HTML names.
// finn (this spec's own user) writes, from a folder of her own; bob's INBOX holds only what tests sent him.

// A 2x2 PNG: the editor must really display it.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFElEQVR4nGP4z8DAwPAfhP7//w8AH+4F+3uLQwgAAAAASUVORK5CYII=', 'base64');

let finn: ImapFlow;
let bob: ImapFlow;
test.beforeEach(async () => {
  [finn, bob] = await Promise.all([rawImap('finn'), rawImap('bob')]);
});
test.afterEach(async () => {
  await Promise.all([finn.logout(), bob.logout()]);
});

function original(subject: string, cid: string): string {
  return [
    'From: Ann Example <ann@example.org>',
    'To: finn@example.com',
    `Subject: ${subject}`,
    'Date: Mon, 1 Sep 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="related"',
    '',
    '--related',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>Our logo: <img src="cid:${cid}" alt="Logo"></p>`,
    '--related',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    `Content-ID: <${cid}>`,
    'Content-Disposition: inline',
    '',
    PNG.toString('base64'),
    '--related--',
    '',
  ].join('\r\n');
}

const leaves = (node: MessageStructureObject): MessageStructureObject[] => (node.childNodes ? node.childNodes.flatMap(leaves) : [node]);

async function download(client: ImapFlow, uid: number, part: string): Promise<Buffer> {
  const { content } = await client.download(String(uid), part, { uid: true });
  if (!content) throw new Error(`no part ${part}`);
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

test('forward from the UI: the editor shows the inline image, and bob receives it with the Content-ID its HTML names; a reply leaves it out', async ({ page }) => {
  const folder = `FwdUi${Date.now()}`;
  const subject = `Logo ${randomBytes(4).toString('hex')}`;
  const cid = `logo.${randomBytes(4).toString('hex')}@example.org`;
  await finn.mailboxCreate(folder);
  await finn.mailboxSubscribe(folder);
  await finn.append(folder, original(subject, cid));

  await signIn(page, 'finn');
  await openFolder(page, folder);
  await row(page, subject).click();
  const actions = page.getByRole('toolbar', { name: 'Open message actions' });
  // A reply quotes the text but carries no parts: the image is left out, not sent broken.
  await actions.getByRole('button', { name: 'Reply', exact: true }).click();
  const reply = page.getByRole('dialog', { name: 'Reply' });
  await expect(reply.getByRole('textbox', { name: 'Message body' })).toContainText('Our logo:');
  await expect(reply.getByRole('textbox', { name: 'Message body' }).locator('img')).toHaveCount(0);
  await reply.getByRole('button', { name: 'Discard' }).click();
  await expect(reply).toBeHidden();

  await actions.getByRole('button', { name: 'Forward' }).click();
  const dialog = page.getByRole('dialog', { name: 'Forward' });
  await expect(dialog.getByLabel('Subject')).toHaveValue(`Fwd: ${subject}`);
  const image = dialog.getByRole('textbox', { name: 'Message body' }).getByRole('img', { name: 'Logo' });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);

  const to = dialog.getByRole('combobox', { name: 'To' });
  await to.fill('bob@example.com');
  await to.press('Enter');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect.poll(() => uidsWithSubject(bob, 'INBOX', `Fwd: ${subject}`), { timeout: 15_000 }).toHaveLength(1);
  const [uid] = await uidsWithSubject(bob, 'INBOX', `Fwd: ${subject}`);
  const lock = await bob.getMailboxLock('INBOX');
  try {
    const msg = await bob.fetchOne(String(uid), { bodyStructure: true }, { uid: true });
    const parts = msg && msg.bodyStructure ? leaves(msg.bodyStructure) : [];
    const html = parts.find((p) => p.type === 'text/html');
    const png = parts.find((p) => p.type === 'image/png');
    expect(png?.id).toBe(`<${cid}>`);
    expect((await download(bob, uid, png!.part!)).equals(PNG)).toBe(true);
    expect((await download(bob, uid, html!.part!)).toString('utf8')).toMatch(new RegExp(`<img src="cid:${cid.replace(/\./g, '\\.')}" alt="Logo">`));
  } finally {
    lock.release();
  }
});
