import { randomBytes } from 'node:crypto';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as sendRoute from '@/app/api/send/route';
import * as composeRoute from '@/app/api/messages/[id]/compose/route';
import type { ComposeDraftDto } from '@/lib/compose';
import { encodeMessageId } from '@/lib/message-id';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { call, cookieFrom } from './call';

// A forward of a message with an inline image, sent through the real Postfix into the real
// Dovecot. bob receives (his INBOX holds only what tests send him); the original is APPENDed
// to a folder of bob's own, so no other suite counts it.

let bob: string;
let bobImap: ImapFlow;

beforeAll(async () => {
  bob = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'bob', password: 'secret' } }));
  bobImap = await rawImap('bob');
});
afterAll(async () => {
  await bobImap.logout();
});

const base64 = (data: Buffer) => data.toString('base64').replace(/.{76}/g, '$&\r\n');

/** An HTML message showing `image` inline by cid:, with a PDF attached after it. */
function original(subject: string, cid: string, image: Buffer, pdf: Buffer): string {
  return [
    'From: Ann Example <ann@example.org>',
    'To: bob@example.com',
    `Subject: ${subject}`,
    'Date: Mon, 1 Sep 2025 10:00:00 +0000',
    'Message-ID: <inline-original@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mixed"',
    '',
    '--mixed',
    'Content-Type: multipart/related; boundary="related"',
    '',
    '--related',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>The chart: <img src="cid:${cid}" alt="Chart"></p>`,
    '--related',
    'Content-Type: image/png; name="chart.png"',
    'Content-Transfer-Encoding: base64',
    `Content-ID: <${cid}>`,
    'Content-Disposition: inline; filename="chart.png"',
    '',
    base64(image),
    '--related--',
    '--mixed',
    'Content-Type: application/pdf; name="notes.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="notes.pdf"',
    '',
    base64(pdf),
    '--mixed--',
    '',
  ].join('\r\n');
}

function leaves(node: MessageStructureObject): MessageStructureObject[] {
  return node.childNodes ? node.childNodes.flatMap(leaves) : [node];
}

async function download(client: ImapFlow, uid: number, part: string): Promise<Buffer> {
  const { content } = await client.download(String(uid), part, { uid: true });
  if (!content) throw new Error(`no part ${part}`);
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('forward – inline images go along', () => {
  it('the forward received carries the inline image (same bytes) with the Content-ID its HTML names, and the attachment', async () => {
    const folder = `FwdInline${Date.now()}`;
    const subject = `Chart ${randomBytes(4).toString('hex')}`;
    const cid = `chart.${randomBytes(4).toString('hex')}@example.org`;
    const [image, pdf] = [randomBytes(20_000), randomBytes(30_000)];
    await bobImap.mailboxCreate(folder);
    const appended = await bobImap.append(folder, original(subject, cid, image, pdf));
    if (!appended || !appended.uid) throw new Error('APPEND gave no UID');
    const id = encodeMessageId({ path: folder, uidValidity: String(appended.uidValidity), uid: appended.uid });

    const draft: ComposeDraftDto = await (await call(composeRoute.GET, `/api/messages/${id}/compose?mode=forward`, { cookie: bob, params: { id } })).json();
    expect(draft.html).toContain(`src="cid:${cid}"`);
    expect(draft.attachments.map((a) => ({ filename: a.filename, cid: a.cid }))).toEqual([
      { filename: 'chart.png', cid },
      { filename: 'notes.pdf', cid: undefined },
    ]);

    const sent = await call(sendRoute.POST, '/api/send', { method: 'POST', cookie: bob, body: { ...draft, to: [{ name: '', address: 'bob@example.com' }] } });
    expect(sent.status).toBe(200);
    const [uid] = await vi.waitFor(
      async () => {
        const found = await uidsWithSubject(bobImap, 'INBOX', `Fwd: ${subject}`);
        if (!found.length) throw new Error('not delivered yet');
        return found;
      },
      { timeout: 15_000, interval: 100 },
    );

    const lock = await bobImap.getMailboxLock('INBOX');
    try {
      const msg = await bobImap.fetchOne(String(uid), { bodyStructure: true }, { uid: true });
      if (!msg || !msg.bodyStructure) throw new Error('no BODYSTRUCTURE');
      const parts = leaves(msg.bodyStructure);
      const html = parts.find((p) => p.type === 'text/html');
      const png = parts.find((p) => p.type === 'image/png');
      const attached = parts.find((p) => p.type === 'application/pdf');
      if (!html || !png || !attached) throw new Error(`parts missing: ${parts.map((p) => p.type).join(', ')}`);
      // The image is an inline part with the Content-ID the HTML's cid: URL names.
      expect(png.id).toBe(`<${cid}>`);
      expect(png.disposition).toBe('inline');
      expect((await download(bobImap, uid, png.part!)).equals(image)).toBe(true);
      expect((await download(bobImap, uid, html.part!)).toString('utf8')).toContain(`src="cid:${cid}"`);
      expect((await download(bobImap, uid, attached.part!)).equals(pdf)).toBe(true);
      expect(attached.disposition).toBe('attachment');
    } finally {
      lock.release();
    }
  });
});
