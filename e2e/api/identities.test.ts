import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as settingsRoute from '@/app/api/settings/route';
import * as sendRoute from '@/app/api/send/route';
import * as draftsRoute from '@/app/api/drafts/route';
import * as draftRoute from '@/app/api/drafts/[id]/route';
import * as composeRoute from '@/app/api/messages/[id]/compose/route';
import * as configRoute from '@/app/api/compose/config/route';
import * as sendersRoute from '@/app/api/image-senders/route';
import type { ComposeConfigDto, ComposeDraftDto } from '@/lib/compose';
import { encodeMessageId } from '@/lib/message-id';
import type { Settings } from '@/lib/schemas';
import type { ImageSendersDto, SettingsDto } from '@/lib/types';
import { store } from '@/server/session/session';
import { rawImap, rawImapSession, serverMetadataEntry, uidsWithSubject } from '../support/dovecot';
import { call, cookieFrom } from './call';

// Identities through the real Postfix into the real Dovecot. ivy sends (Postfix lets her send as
// ivy@example.com and support@example.com only: scripts/test-stack.sh), rita receives.

const USER = 'ivy';
const SETTINGS_ENTRY = '/private/vendor/wren/settings';
const SENDERS_ENTRY = '/private/vendor/wren/image-senders';

const signIn = async (username = USER) => cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username, password: 'secret' } }));
const unique = (label: string) => `${label} ${randomBytes(4).toString('hex')}`;
const send = (cookie: string, body: unknown) => call(sendRoute.POST, '/api/send', { method: 'POST', cookie, body });

const SETTINGS: Settings = {
  displayName: 'Ivy Green',
  ui: { density: 'comfortable', markReadDelayMs: 0, undoSeconds: 10, undoSendSeconds: 5, swipeLeft: 'archive', readingPane: 'right', language: 'auto', theme: 'system', conversations: true },
  signaturePosition: 'above',
  identities: [
    {
      id: 'support',
      name: 'Ivy at Support',
      address: 'support@example.com',
      replyTo: 'help-desk@example.com',
      // The tracker and the handler go: the composer's sanitizer runs before anything is stored.
      signatureHtml: '<p><b>Support team</b> <a href="https://support.example/help" onclick="x()">help</a><img src="https://tracker.example/p.png"></p>',
      isDefault: true,
    },
    // Configured here, but the mail server does not let ivy send as it.
    { id: 'ceo', name: 'Ivy CEO', address: 'ceo@example.com', signatureText: '-- \nIvy, CEO', isDefault: false },
  ],
};

let cookie: string;
let ritaImap: ImapFlow;
let ivyImap: ImapFlow;

beforeAll(async () => {
  for (const entry of [SETTINGS_ENTRY, SENDERS_ENTRY]) expect(await rawImapSession(USER, [`SETMETADATA "" (${entry} NIL)`])).toMatch(/^c0 OK/m);
  cookie = await signIn();
  [ritaImap, ivyImap] = await Promise.all([rawImap('rita'), rawImap(USER)]);
  const res = await call(settingsRoute.PUT, '/api/settings', { method: 'PUT', cookie, body: SETTINGS });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await Promise.all([ritaImap.logout(), ivyImap.logout()]);
});

/** UIDs in `folder` whose subject contains `subject`, once the server has them (delivery takes a moment). */
async function find(client: ImapFlow, folder: string, subject: string): Promise<number[]> {
  for (let i = 0; i < 100; i++) {
    const found = await uidsWithSubject(client, folder, subject);
    if (found.length) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

async function headersOf(client: ImapFlow, folder: string, uid: number) {
  const lock = await client.getMailboxLock(folder);
  try {
    const msg = await client.fetchOne(String(uid), { uid: true, envelope: true, source: true }, { uid: true });
    if (!msg) throw new Error('no message');
    return { envelope: msg.envelope!, source: msg.source!.toString('utf8') };
  } finally {
    lock.release();
  }
}

const compose = (fields: Record<string, unknown> = {}) => ({
  composeId: randomUUID(),
  fromName: 'Ivy at Support',
  fromAddress: 'support@example.com',
  to: [{ name: 'Rita', address: 'rita@example.com' }],
  subject: unique('Ticket'),
  html: '<p>Fixed.</p>',
  text: 'Fixed.',
  ...fields,
});

/** Appends a message to ivy's INBOX and answers its id. */
async function receive(headers: string): Promise<string> {
  const raw = `${headers}\r\nFrom: Customer <customer@outside.example>\r\nSubject: ${unique('Question')}\r\nMessage-ID: <${randomUUID()}@outside.example>\r\n\r\nHello\r\n`;
  const appended = await ivyImap.append('INBOX', raw);
  if (!appended || !appended.uid || appended.uidValidity === undefined) throw new Error('no APPENDUID');
  return encodeMessageId({ path: 'INBOX', uidValidity: appended.uidValidity.toString(), uid: appended.uid });
}

const replyTo = async (id: string, mode: 'reply' | 'all' | 'forward' = 'reply'): Promise<ComposeDraftDto> => {
  const res = await call(composeRoute.GET, `/api/messages/${id}/compose?mode=${mode}`, { cookie, params: { id } });
  expect(res.status).toBe(200);
  return res.json();
};

describe('identities: settings and the composer', () => {
  it('PUT /api/settings – a rich signature is sanitized before it is stored on the mail server', async () => {
    const stored = JSON.parse((await serverMetadataEntry(USER, SETTINGS_ENTRY)) ?? 'null') as Settings;
    expect(stored.identities[0].signatureHtml).toBe('<p><b>Support team</b> <a href="https://support.example/help">help</a></p>');
    const { settings }: SettingsDto = await (await call(settingsRoute.GET, '/api/settings', { cookie })).json();
    expect(settings.identities[0].signatureHtml).toBe(stored.identities[0].signatureHtml);
  });

  it('GET /api/compose/config – the account’s address, then the identities; the default identity; where signatures go', async () => {
    const config: ComposeConfigDto = await (await call(configRoute.GET, '/api/compose/config', { cookie })).json();
    expect(config.senders.map((s) => [s.id, s.name, s.address])).toEqual([
      ['account', 'Ivy Green', 'ivy@example.com'],
      ['support', 'Ivy at Support', 'support@example.com'],
      ['ceo', 'Ivy CEO', 'ceo@example.com'],
    ]);
    expect(config.senders[1]).toMatchObject({ replyTo: 'help-desk@example.com', signatureHtml: expect.stringContaining('Support team') });
    expect(config.senders[2].signatureText).toBe('-- \nIvy, CEO');
    expect(config.defaultSenderId).toBe('support');
    expect(config.signaturePosition).toBe('above');
    expect(config.from).toEqual({ name: 'Ivy Green', address: 'ivy@example.com' });
  });

  it('POST /api/send – from an identity: rita’s INBOX has its From and its Reply-To, Sent has the copy', async () => {
    const input = compose({ html: '<p>Fixed.</p><div data-wren-signature=""><p><b>Support team</b></p></div>' });
    const res = await send(cookie, input);
    expect(res.status).toBe(200);
    const [uid] = await find(ritaImap, 'INBOX', input.subject);
    expect(uid).toBeGreaterThan(0);
    const { envelope, source } = await headersOf(ritaImap, 'INBOX', uid);
    expect(envelope.from?.[0]).toMatchObject({ name: 'Ivy at Support', address: 'support@example.com' });
    expect(envelope.replyTo?.[0]?.address).toBe('help-desk@example.com');
    // The signature is in the message; the editor's mark of it is not.
    expect(source).toContain('Support team');
    expect(source).not.toContain('data-wren-signature');
    expect(await find(ivyImap, 'Sent Messages', input.subject)).toHaveLength(1);
  });

  it('POST /api/send – the account’s own address still goes, without a Reply-To', async () => {
    const input = compose({ fromName: 'Ivy Green', fromAddress: 'ivy@example.com' });
    expect((await send(cookie, input)).status).toBe(200);
    const [uid] = await find(ritaImap, 'INBOX', input.subject);
    const { envelope } = await headersOf(ritaImap, 'INBOX', uid);
    expect(envelope.from?.[0]?.address).toBe('ivy@example.com');
    expect(envelope.replyTo?.[0]?.address ?? 'ivy@example.com').toBe('ivy@example.com');
  });

  it('POST /api/send – a From that is neither the account’s nor an identity’s: 403 naming it, nothing sent, and the compose may still go', async () => {
    const input = compose({ fromAddress: 'boss@example.com' });
    const res = await send(cookie, input);
    expect(res.status).toBe(403);
    const { error } = await res.json();
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/cannot send as boss@example\.com/);
    // Refused before the claim: the same compose, from an own address, goes once.
    expect((await send(cookie, { ...input, fromAddress: 'support@example.com' })).status).toBe(200);
    expect(await find(ritaImap, 'INBOX', input.subject)).toHaveLength(1);
  });

  it('POST /api/send – an identity the mail server refuses: 422 naming the address, nothing sent, the draft kept with that identity', async () => {
    const input = compose({ fromName: 'Ivy CEO', fromAddress: 'ceo@example.com' });
    const saved = await call(draftsRoute.POST, '/api/drafts', { method: 'POST', cookie, body: input });
    expect(saved.status).toBe(200);
    const { draftId } = await saved.json();
    const res = await send(cookie, { ...input, draftId });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('smtp_sender_refused');
    expect(error.message).toMatch(/^The mail server will not let you send as ceo@example\.com\b/);
    expect(error.message).toMatch(/Nothing was sent/);
    // The draft is still there, From the identity chosen.
    expect(await find(ivyImap, 'Drafts', input.subject)).toHaveLength(1);
    const draft: ComposeDraftDto = await (await call(draftRoute.GET, `/api/drafts/${draftId}`, { cookie, params: { id: draftId } })).json();
    expect(draft.from).toEqual({ name: 'Ivy CEO', address: 'ceo@example.com' });
    expect(await uidsWithSubject(ritaImap, 'INBOX', input.subject)).toEqual([]);
  });
});

describe('identities: replying', () => {
  it('GET /api/messages/:id/compose – a reply is from the identity the original was sent to (To), and leaves it out of the recipients', async () => {
    const id = await receive('To: Support <support@example.com>, Other <other@outside.example>\r\nCc: ivy@example.com');
    const reply = await replyTo(id, 'all');
    expect(reply.from?.address).toBe('support@example.com');
    expect([...reply.to, ...reply.cc].map((a) => a.address).sort()).toEqual(['customer@outside.example', 'other@outside.example']);
    // A forward too.
    expect((await replyTo(id, 'forward')).from?.address).toBe('support@example.com');
  });

  it('GET /api/messages/:id/compose – To before Cc; Delivered-To when neither names the user; else the default', async () => {
    expect((await replyTo(await receive('To: ivy@example.com\r\nCc: support@example.com'))).from?.address).toBe('ivy@example.com');
    expect((await replyTo(await receive('Delivered-To: support@example.com\r\nTo: list@outside.example'))).from?.address).toBe('support@example.com');
    expect((await replyTo(await receive('To: list@outside.example'))).from).toBeUndefined();
  });
});

describe('always-show-images senders in IMAP METADATA', () => {
  const key = `image-senders:${createHash('sha256').update(USER).digest('base64url')}`;

  it('POST /api/image-senders – kept in /private/vendor/wren/image-senders; GET lists it; removing empties the entry', async () => {
    const sender = `news-${randomBytes(3).toString('hex')}@sender.example`;
    expect((await call(sendersRoute.POST, '/api/image-senders', { method: 'POST', cookie, body: { address: sender.toUpperCase(), always: true } })).status).toBe(200);
    expect(JSON.parse((await serverMetadataEntry(USER, SENDERS_ENTRY)) ?? 'null')).toEqual([sender]);
    // Another session (another device) lists it.
    const listed: ImageSendersDto = await (await call(sendersRoute.GET, '/api/image-senders', { cookie: await signIn() })).json();
    expect(listed).toEqual({ senders: [sender], storage: 'imap-metadata' });
    expect((await call(sendersRoute.POST, '/api/image-senders', { method: 'POST', cookie, body: { address: sender, always: false } })).status).toBe(200);
    expect(await serverMetadataEntry(USER, SENDERS_ENTRY)).toBeNull();
  });

  it('GET /api/image-senders – a list an earlier Wren kept in its store moves to the mail server on first read, once', async () => {
    expect(await serverMetadataEntry(USER, SENDERS_ENTRY)).toBeNull();
    await store().put(key, JSON.stringify(['old@sender.example']), 3600);
    const listed: ImageSendersDto = await (await call(sendersRoute.GET, '/api/image-senders', { cookie })).json();
    expect(listed).toEqual({ senders: ['old@sender.example'], storage: 'imap-metadata' });
    expect(JSON.parse((await serverMetadataEntry(USER, SENDERS_ENTRY)) ?? 'null')).toEqual(['old@sender.example']);
    expect(await store().read(key)).toBeNull();
  });
});
