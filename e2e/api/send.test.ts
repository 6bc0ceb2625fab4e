import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as uploadsRoute from '@/app/api/uploads/route';
import * as sendRoute from '@/app/api/send/route';
import * as draftsRoute from '@/app/api/drafts/route';
import * as draftRoute from '@/app/api/drafts/[id]/route';
import * as composeRoute from '@/app/api/messages/[id]/compose/route';
import * as contactsRoute from '@/app/api/contacts/route';
import * as configRoute from '@/app/api/compose/config/route';
import type { ComposeDraftDto } from '@/lib/compose';
import { encodeMessageId } from '@/lib/message-id';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { call, cookieFrom } from './call';

// Real Postfix on loopback delivers through LMTP into the test Dovecot; mail is read back over
// IMAP. alice and counter send, bob receives (alice's INBOX, counted by other suites, never
// receives here); other domains are accepted and discarded by the test Postfix.

const signIn = async (username: string) =>
  cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username, password: 'secret' } }));

let alice: string;
let counter: string;
let bob: string;
let bobImap: ImapFlow;
let counterImap: ImapFlow;
let aliceImap: ImapFlow;

beforeAll(async () => {
  [alice, counter, bob] = await Promise.all([signIn('alice'), signIn('counter'), signIn('bob')]);
  [bobImap, counterImap, aliceImap] = await Promise.all([rawImap('bob'), rawImap('counter'), rawImap('alice')]);
});
afterAll(async () => {
  await Promise.all([bobImap.logout(), counterImap.logout(), aliceImap.logout()]);
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const unique = (label: string) => `${label} ${randomBytes(4).toString('hex')}`;

function compose(fields: Record<string, unknown> = {}) {
  return { composeId: randomUUID(), fromName: 'Counter Person', to: [{ name: 'Bob', address: 'bob@example.com' }], subject: unique('Hello'), html: '<p>Hi <b>Bob</b></p>', text: 'Hi Bob', ...fields };
}

const send = (cookie: string, body: unknown) => call(sendRoute.POST, '/api/send', { method: 'POST', cookie, body });

async function upload(cookie: string, name: string, data: Buffer, type = 'application/pdf') {
  const req = new Request('http://wren.test/api/uploads', {
    method: 'POST',
    headers: { host: 'wren.test', origin: 'http://wren.test', cookie, 'x-filename': encodeURIComponent(name), 'content-type': type },
    body: new Uint8Array(data),
  });
  return uploadsRoute.POST(req, { params: Promise.resolve({}) });
}

/** UIDs in `folder` whose subject contains `subject`, once the server has them. */
async function find(client: ImapFlow, folder: string, subject: string, expected = 1): Promise<number[]> {
  for (let i = 0; i < 50; i++) {
    const found = await uidsWithSubject(client, folder, subject);
    if (found.length >= expected) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

function attachmentPart(node: MessageStructureObject): string | null {
  if (node.childNodes) for (const child of node.childNodes) {
    const part = attachmentPart(child);
    if (part) return part;
  }
  return node.disposition === 'attachment' ? (node.part ?? '1') : null;
}

/** The sha256 of the first attachment of message `uid`, and its headers. */
async function inspect(client: ImapFlow, folder: string, uid: number) {
  const lock = await client.getMailboxLock(folder);
  try {
    const msg = await client.fetchOne(String(uid), { uid: true, bodyStructure: true, envelope: true, flags: true, headers: ['in-reply-to', 'references', 'bcc', 'message-id'] }, { uid: true });
    if (!msg) throw new Error('no message');
    const part = msg.bodyStructure ? attachmentPart(msg.bodyStructure) : null;
    let hash: string | null = null;
    if (part) {
      const download = await client.download(String(uid), part, { uid: true, decodeText: false });
      const chunks: Buffer[] = [];
      if (download.content) for await (const chunk of download.content) chunks.push(chunk as Buffer);
      hash = sha256(Buffer.concat(chunks));
    }
    return { hash, envelope: msg.envelope!, flags: msg.flags!, headers: msg.headers!.toString() };
  } finally {
    lock.release();
  }
}

describe('POST /api/send – through the real Postfix into the real Dovecot', () => {
  it('alice sends to bob with an attachment: bob has it with the same bytes, Sent has the copy', async () => {
    const file = randomBytes(300_000);
    const up = await upload(alice, 'report 2025 ✓.pdf', file);
    expect(up.status).toBe(201);
    const { id } = await up.json();
    const input = compose({ fromName: 'Alice Liddell', attachments: [{ kind: 'upload', id }], bcc: [{ name: '', address: 'hidden@outside.example' }] });
    const res = await send(alice, input);
    expect(res.status).toBe(200);
    const { messageId, warnings } = await res.json();
    expect(warnings).toEqual([]);
    expect(messageId).toBe(`<${input.composeId}@example.com>`);

    const [uid] = await find(bobImap, 'INBOX', input.subject);
    expect(uid).toBeGreaterThan(0);
    const delivered = await inspect(bobImap, 'INBOX', uid);
    expect(delivered.hash).toBe(sha256(file));
    expect(delivered.envelope.from?.[0]).toMatchObject({ name: 'Alice Liddell', address: 'alice@example.com' });
    expect(delivered.envelope.messageId).toBe(messageId);
    // Bcc recipients are in the envelope only, never in the headers.
    expect(delivered.headers).not.toMatch(/^bcc:/im);

    // The upload has done its work and is gone.
    const again = await send(alice, { ...input, composeId: randomUUID() });
    expect(again.status).toBe(404);
    expect((await again.json()).error.message).toMatch(/attach it again/);

    const [sentUid] = await find(aliceImap, 'Sent Messages', input.subject);
    const copy = await inspect(aliceImap, 'Sent Messages', sentUid);
    expect(copy.hash).toBe(sha256(file));
    expect(copy.envelope.messageId).toBe(messageId);
    expect(copy.flags.has('\\Seen')).toBe(true);
  });

  it('reply all: recipients without the user, Re: once, In-Reply-To and References; the original gets \\Answered', async () => {
    const first = compose({ subject: unique('Re: Plan'), cc: [{ name: 'Out', address: 'out@outside.example' }], references: ['<older@example.org>'] });
    expect((await send(counter, first)).status).toBe(200);
    const [uid] = await find(bobImap, 'INBOX', first.subject);
    const originalId = encodeMessageId({ path: 'INBOX', uidValidity: String(bobImap.mailbox ? bobImap.mailbox.uidValidity : ''), uid });
    const draft: ComposeDraftDto = await (
      await call(composeRoute.GET, `/api/messages/${originalId}/compose?mode=all`, { cookie: bob, params: { id: originalId } })
    ).json();
    expect(draft.to.map((a) => a.address)).toEqual(['counter@example.com']);
    expect(draft.cc.map((a) => a.address)).toEqual(['out@outside.example']);
    expect(draft.subject).toBe(first.subject);
    expect(draft.inReplyTo).toBe(`<${first.composeId}@example.com>`);
    expect(draft.references).toEqual(['<older@example.org>', `<${first.composeId}@example.com>`]);
    expect(draft.html).toContain('wrote:');

    const reply = await send(bob, { ...draft, fromName: 'Bob', html: `<p>Sounds good</p>${draft.html}`, text: 'Sounds good' });
    expect(reply.status).toBe(200);
    const [got] = await find(counterImap, 'INBOX', first.subject);
    const received = await inspect(counterImap, 'INBOX', got);
    expect(received.headers).toMatch(new RegExp(`In-Reply-To: <${first.composeId}@example.com>`, 'i'));
    expect(received.headers.replace(/\r?\n\s+/g, ' ')).toMatch(new RegExp(`References: <older@example.org> <${first.composeId}@example.com>`, 'i'));
    const original = await inspect(bobImap, 'INBOX', uid);
    expect(original.flags.has('\\Answered')).toBe(true);
  });

  it('forward carries the original’s attachment and flags it $Forwarded', async () => {
    const file = randomBytes(50_000);
    const { id } = await (await upload(counter, 'photo.jpg', file, 'image/jpeg')).json();
    const first = compose({ subject: unique('Photos'), attachments: [{ kind: 'upload', id }] });
    expect((await send(counter, first)).status).toBe(200);
    const [uid] = await find(bobImap, 'INBOX', first.subject);
    const originalId = encodeMessageId({ path: 'INBOX', uidValidity: String(bobImap.mailbox ? bobImap.mailbox.uidValidity : ''), uid });
    const draft: ComposeDraftDto = await (
      await call(composeRoute.GET, `/api/messages/${originalId}/compose?mode=forward`, { cookie: bob, params: { id: originalId } })
    ).json();
    expect(draft.subject).toBe(`Fwd: ${first.subject}`);
    expect(draft.attachments).toHaveLength(1);
    expect(draft.html).toContain('Forwarded message');
    const res = await send(bob, { ...draft, to: [{ name: '', address: 'bob@example.com' }] });
    expect(res.status).toBe(200);
    const [fwd] = await find(bobImap, 'INBOX', `Fwd: ${first.subject}`);
    expect((await inspect(bobImap, 'INBOX', fwd)).hash).toBe(sha256(file));
    expect((await inspect(bobImap, 'INBOX', uid)).flags.has('$Forwarded')).toBe(true);
  });

  it('exactly once: a double submit sends one message; a later retry is told it was sent', async () => {
    const input = compose({ subject: unique('Once') });
    const [a, b] = await Promise.all([send(counter, input), send(counter, input)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const retry = await send(counter, input);
    expect(retry.status).toBe(409);
    expect((await retry.json()).error.code).toBe('already_sent');
    await find(bobImap, 'INBOX', input.subject);
    await new Promise((r) => setTimeout(r, 500));
    expect(await find(bobImap, 'INBOX', input.subject)).toHaveLength(1);
  });

  it('a refused recipient: 422 with the server’s reason, nothing sent, the draft stays, and a corrected send works', async () => {
    const input = compose({ subject: unique('Typo'), to: [{ name: '', address: 'nobody@example.com' }] });
    const saved = await call(draftsRoute.POST, '/api/drafts', { method: 'POST', cookie: counter, body: input });
    const { draftId } = await saved.json();
    const res = await send(counter, { ...input, draftId });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('smtp_refused');
    expect(body.error.message).toMatch(/nobody@example.com|rejected|unknown/i);
    expect(await find(counterImap, 'Drafts', input.subject)).toHaveLength(1);
    // The claim was released: the same compose, corrected, goes, and its draft is removed.
    const fixed = await send(counter, { ...input, draftId, to: [{ name: '', address: 'bob@example.com' }] });
    expect(fixed.status).toBe(200);
    expect(await find(bobImap, 'INBOX', input.subject)).toHaveLength(1);
    expect(await uidsWithSubject(counterImap, 'Drafts', input.subject)).toEqual([]);
  });

  it('SMTP down: 503 with a clear message, nothing sent, the draft still in Drafts; sent once it is back', async () => {
    const input = compose({ subject: unique('Outage') });
    const { draftId } = await (await call(draftsRoute.POST, '/api/drafts', { method: 'POST', cookie: counter, body: input })).json();
    const postfix = (action: string) => execFileSync('bash', ['scripts/postfix.sh', action], { env: process.env, stdio: 'ignore' });
    postfix('stop');
    try {
      const res = await send(counter, { ...input, draftId });
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.error.code).toBe('smtp_unavailable');
      expect(body.error.message).toMatch(/cannot be reached.*Nothing was sent/);
      expect(await find(counterImap, 'Drafts', input.subject)).toHaveLength(1);
    } finally {
      postfix('start');
    }
    expect((await send(counter, { ...input, draftId })).status).toBe(200);
    expect(await find(bobImap, 'INBOX', input.subject)).toHaveLength(1);
  });

  it('CR/LF in a header field, an unparsable address or no recipient: 400, nothing sent', async () => {
    for (const bad of [
      compose({ subject: 'Hi\r\nBcc: victim@example.com' }),
      compose({ fromName: 'X\nReply-To: evil@example.org' }),
      compose({ to: [{ name: '', address: 'not-an-address' }] }),
      compose({ to: [] }),
    ]) {
      const res = await send(counter, bad);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_input');
    }
  });
});

describe('drafts, uploads and contacts', () => {
  it('a saved draft replaces its previous version, continues with its attachment, and is discarded', async () => {
    const file = randomBytes(10_000);
    const { id } = await (await upload(counter, 'notes.txt', file, 'text/plain')).json();
    const input = compose({ subject: unique('Draft'), bcc: [{ name: 'Secret', address: 'secret@outside.example' }], attachments: [{ kind: 'upload', id }] });
    const first = await (await call(draftsRoute.POST, '/api/drafts', { method: 'POST', cookie: counter, body: input })).json();
    const loaded: ComposeDraftDto = await (await call(draftRoute.GET, `/api/drafts/${first.draftId}`, { cookie: counter, params: { id: first.draftId } })).json();
    expect(loaded).toMatchObject({ composeId: input.composeId, subject: input.subject, format: 'html', draftId: first.draftId });
    expect(loaded.bcc).toEqual([{ name: 'Secret', address: 'secret@outside.example' }]);
    expect(loaded.html).toContain('<b>Bob</b>');
    expect(loaded.attachments.map((a) => a.filename)).toEqual(['notes.txt']);

    const second = await (
      await call(draftsRoute.POST, '/api/drafts', {
        method: 'POST',
        cookie: counter,
        body: { ...input, html: '<p>Changed</p>', attachments: loaded.attachments.map((a) => (a.kind === 'part' ? { kind: a.kind, messageId: a.messageId, part: a.part } : a)), draftId: first.draftId },
      })
    ).json();
    expect(second.draftId).not.toBe(first.draftId);
    const [uid] = await find(counterImap, 'Drafts', input.subject);
    expect(await find(counterImap, 'Drafts', input.subject)).toHaveLength(1);
    const stored = await inspect(counterImap, 'Drafts', uid);
    expect(stored.flags.has('\\Draft')).toBe(true);
    expect(stored.hash).toBe(sha256(file));

    const gone = await call(draftRoute.DELETE, `/api/drafts/${second.draftId}`, { method: 'DELETE', cookie: counter, params: { id: second.draftId } });
    expect(gone.status).toBe(204);
    expect(await uidsWithSubject(counterImap, 'Drafts', input.subject)).toEqual([]);
  });

  it('discarding refuses a message that is not a draft', async () => {
    const lock = await counterImap.getMailboxLock('INBOX');
    const uidValidity = String(counterImap.mailbox ? counterImap.mailbox.uidValidity : '');
    lock.release();
    const id = encodeMessageId({ path: 'INBOX', uidValidity, uid: 1 });
    const res = await call(draftRoute.DELETE, `/api/drafts/${id}`, { method: 'DELETE', cookie: counter, params: { id } });
    expect(res.status).toBe(403);
  });

  it('an upload over the limit is refused with 413 and nothing is kept', async () => {
    const config = await (await call(configRoute.GET, '/api/compose/config', { cookie: counter })).json();
    expect(config.from.address).toBe('counter@example.com');
    expect(config.maxAttachmentBytes).toBeGreaterThan(1024 * 1024);
    const res = await upload(counter, 'huge.bin', Buffer.alloc(25 * 1024 * 1024 + 1));
    expect(res.status).toBe(413);
  });

  it('contacts: people written to and heard from, without the user', async () => {
    const res = await call(contactsRoute.GET, '/api/contacts?q=count', { cookie: bob });
    const { contacts } = await res.json();
    expect(contacts.map((c: { address: string }) => c.address)).toContain('counter@example.com');
    const mine = await (await call(contactsRoute.GET, '/api/contacts?q=bob', { cookie: bob })).json();
    expect(mine.contacts.map((c: { address: string }) => c.address)).not.toContain('bob@example.com');
  });
});
