import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as sessionRoute from '@/app/api/session/route';
import * as metricsRoute from '@/app/metrics/route';
import { decodeMessageId, encodeMessageId } from '@/lib/message-id';
import type { MessageDto } from '@/lib/types';
import { rawImap, rawlogSessions, setUidValidity, wrenCommands } from '../support/dovecot';
import { settingsSwitcher } from '../support/tls-stack';
import { call, cookieFrom } from './call';

// The cache of shown messages (server/mail/message-cache.ts): ocean opens, ocho is another user
// whose folder has the same name, UIDVALIDITY and UIDs. Neither is seeded: each run makes its
// folders afresh.
const RUN = Date.now().toString(36);
const FOLDER = `Cache-${RUN}`;

let ocean: ImapFlow;
let ocho: ImapFlow;
const setEnv = settingsSwitcher();

async function signIn(username: string): Promise<string> {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username, password: 'secret' } });
  expect(res.status).toBe(200);
  return cookieFrom(res);
}

async function open(cookie: string, id: string): Promise<Response> {
  return call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } });
}

async function openOk(cookie: string, id: string): Promise<MessageDto> {
  const res = await open(cookie, id);
  expect(res.status).toBe(200);
  return res.json();
}

async function scrape(): Promise<string> {
  const res = metricsRoute.GET(new Request('http://wren.test/metrics', { headers: { host: 'wren.test', 'x-forwarded-for': '127.0.0.1' } }));
  expect(res.status).toBe(200);
  return res.text();
}

function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

const counts = (text: string) => ({
  hits: sample(text, 'wren_message_cache_total', '{outcome="hit"}'),
  misses: sample(text, 'wren_message_cache_total', '{outcome="miss"}'),
  sanitized: sample(text, 'wren_sanitize_duration_seconds_count', '{outcome="ok"}'),
  evictions: sample(text, 'wren_message_cache_evictions_total'),
  entries: sample(text, 'wren_message_cache_entries'),
  bytes: sample(text, 'wren_message_cache_bytes'),
});

/** An HTML message (with a remote image, so the body carries session-signed proxy URLs). */
function html(from: string, subject: string, text: string): string {
  return [
    `From: ${from}`,
    `To: someone@example.com`,
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>${text}</p><img src="https://images.example/${encodeURIComponent(subject)}.png">`,
    '',
  ].join('\r\n');
}

async function append(client: ImapFlow, folder: string, raw: string): Promise<string> {
  const appended = await client.append(folder, raw);
  if (!appended || !appended.uid || appended.uidValidity === undefined) throw new Error('no APPENDUID');
  return encodeMessageId({ path: folder, uidValidity: appended.uidValidity.toString(), uid: appended.uid });
}

beforeAll(async () => {
  ocean = await rawImap('ocean');
  ocho = await rawImap('ocho');
});

afterAll(async () => {
  await ocean.logout();
  await ocho.logout();
});

describe('the cache of shown messages', () => {
  it('a re-open is served from the cache (no sanitizer, flags read again); another user with the same folder, UIDVALIDITY and UID gets his own', async () => {
    await ocean.mailboxCreate(FOLDER);
    const id = await append(ocean, FOLDER, html('Olga <olga@example.com>', 'Ocean one', 'for ocean only'));
    const { uidValidity } = decodeMessageId(id)!;
    // ocho's folder: same name, same UIDVALIDITY, same UID, so the very same id.
    await ocho.mailboxCreate(FOLDER);
    setUidValidity('ocho', FOLDER, uidValidity);
    expect(await append(ocho, FOLDER, html('Otto <otto@example.com>', 'Ocho one', 'for ocho only'))).toBe(id);

    const cookie = await signIn('ocean');
    const before = counts(await scrape());
    const first = await openOk(cookie, id);
    expect(first.body.kind).toBe('html');
    const firstHtml = first.body.kind === 'html' ? first.body.html : '';
    expect(firstHtml).toContain('for ocean only');
    expect(first.seen).toBe(false);
    const afterFirst = counts(await scrape());
    expect(afterFirst.misses).toBe(before.misses + 1);
    expect(afterFirst.sanitized).toBe(before.sanitized + 1);

    // Marked read by another client meanwhile: the re-open says so, from the cache otherwise.
    await ocean.mailboxOpen(FOLDER);
    await ocean.messageFlagsAdd(String(decodeMessageId(id)!.uid), ['\\Seen'], { uid: true });
    const again = await openOk(cookie, id);
    const afterAgain = counts(await scrape());
    expect(afterAgain.hits).toBe(afterFirst.hits + 1);
    expect(afterAgain.sanitized).toBe(afterFirst.sanitized);
    expect(again).toEqual({ ...first, seen: true });

    // ocho, the same id: his own message, sanitized for him.
    const ochoCookie = await signIn('ocho');
    const his = await openOk(ochoCookie, id);
    const afterHis = counts(await scrape());
    expect(his.subject).toBe('Ocho one');
    expect(his.body.kind === 'html' && his.body.html).toContain('for ocho only');
    expect(JSON.stringify(his)).not.toContain('ocean');
    expect(afterHis.misses).toBe(afterAgain.misses + 1);
    expect(afterHis.sanitized).toBe(afterAgain.sanitized + 1);

    // ocean's second session (another device) keeps its own: its image URLs are signed for it.
    const other = await openOk(await signIn('ocean'), id);
    expect(counts(await scrape()).sanitized).toBe(afterHis.sanitized + 1);
    expect(other.body.kind === 'html' && other.body.html).not.toBe(firstHtml);
  });

  it('an expunged message answers 404 on a re-open', async () => {
    const id = await append(ocean, FOLDER, html('Olga <olga@example.com>', 'Ocean gone', 'soon gone'));
    const cookie = await signIn('ocean');
    await openOk(cookie, id);
    await ocean.mailboxOpen(FOLDER);
    await ocean.messageDelete(String(decodeMessageId(id)!.uid), { uid: true });
    const res = await open(cookie, id);
    expect(res.status).toBe(404);
  });

  it('a re-open is one UID FETCH of its flags and a byte, without the NOOP first', async () => {
    // Plain text: no image setting asked (GETMETADATA) beside it.
    const text = ['From: Olga <olga@example.com>', 'Subject: Ocean quick', 'Content-Type: text/plain; charset=utf-8', '', 'opened twice', ''].join('\r\n');
    const id = await append(ocean, FOLDER, text);
    const { uid } = decodeMessageId(id)!;
    const before = rawlogSessions('ocean');
    const cookie = await signIn('ocean');
    await openOk(cookie, id);
    const opened = wrenCommands('ocean', before).length;
    expect((await openOk(cookie, id)).subject).toBe('Ocean quick');
    // The folder stayed selected: what the re-open sent is its one FETCH, nothing before it.
    const sent = wrenCommands('ocean', before).slice(opened);
    expect(sent).toEqual([expect.stringMatching(new RegExp(`^\\S+ UID FETCH ${uid} \\(UID FLAGS (MODSEQ )?BODY\\.PEEK\\[TEXT\\]<0\\.1>\\)$`))]);
  });

  it('a first open sends no NOOP first either; a message its connection has not heard of yet opens; one expunged meanwhile is 404', async () => {
    const text = (subject: string) => [`From: Olga <olga@example.com>`, `Subject: ${subject}`, 'Content-Type: text/plain; charset=utf-8', '', subject, ''].join('\r\n');
    const [a, b, gone] = [await append(ocean, FOLDER, text('Ocean A')), await append(ocean, FOLDER, text('Ocean B')), await append(ocean, FOLDER, text('Ocean gone'))];
    const before = rawlogSessions('ocean');
    const cookie = await signIn('ocean');
    await openOk(cookie, a);
    const sent = () => wrenCommands('ocean', before).length;
    // In the connection's view (its SELECT saw it): FETCHes only.
    let n = sent();
    expect((await openOk(cookie, b)).subject).toBe('Ocean B');
    expect(wrenCommands('ocean', before).slice(n).every((c) => /^\S+ UID FETCH /.test(c))).toBe(true);
    // Delivered now through another connection: not in Wren's connection's view until a NOOP.
    // Its FETCH gets no answer (Dovecot announces it after that answer): it is asked again.
    const later = await append(ocean, FOLDER, text('Ocean later'));
    n = sent();
    expect((await openOk(cookie, later)).subject).toBe('Ocean later');
    expect(wrenCommands('ocean', before).slice(n)[0]).toMatch(/^\S+ UID FETCH /);
    // Expunged by another client since the connection's last sync: 404, never its remains.
    await ocean.mailboxOpen(FOLDER);
    await ocean.messageDelete(String(decodeMessageId(gone)!.uid), { uid: true });
    expect((await open(cookie, gone)).status).toBe(404);
  });

  it('sign-out drops the session\'s entries', async () => {
    const id = await append(ocean, FOLDER, html('Olga <olga@example.com>', 'Ocean two', 'until sign-out'));
    const cookie = await signIn('ocean');
    const before = counts(await scrape());
    await openOk(cookie, id);
    const opened = counts(await scrape());
    expect(opened.entries).toBe(before.entries + 1);
    expect(opened.bytes).toBeGreaterThan(before.bytes);
    expect((await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie })).status).toBe(204);
    const after = counts(await scrape());
    expect(after.entries).toBe(before.entries);
    expect(after.bytes).toBe(before.bytes);
  });

  it('a folder deleted and made again (a new UIDVALIDITY) never serves the old output', async () => {
    const folder = `Gen-${RUN}`;
    await ocean.mailboxCreate(folder);
    const oldId = await append(ocean, folder, html('Olga <olga@example.com>', 'Old generation', 'the old text'));
    const cookie = await signIn('ocean');
    expect((await openOk(cookie, oldId)).subject).toBe('Old generation');
    expect((await openOk(cookie, oldId)).subject).toBe('Old generation');

    await ocean.mailboxDelete(folder);
    await ocean.mailboxCreate(folder);
    const newId = await append(ocean, folder, html('Nina <nina@example.com>', 'New generation', 'the new text'));
    const oldRef = decodeMessageId(oldId)!;
    const newRef = decodeMessageId(newId)!;
    expect(newRef.uid).toBe(oldRef.uid);
    expect(newRef.uidValidity).not.toBe(oldRef.uidValidity);

    const before = counts(await scrape());
    expect((await open(cookie, oldId)).status).toBe(404);
    const fresh = await openOk(cookie, newId);
    expect(fresh.subject).toBe('New generation');
    expect(fresh.body.kind === 'html' && fresh.body.html).toContain('the new text');
    expect(JSON.stringify(fresh)).not.toContain('the old text');
    expect(counts(await scrape()).sanitized).toBe(before.sanitized + 1);
  });

  it('a list that selected a folder reads one byte of its newest message afterwards, so the first open does not pay Dovecot\'s first file read', async () => {
    const folder = `Warm-${RUN}`;
    await ocean.mailboxCreate(folder);
    await append(ocean, folder, html('Olga <olga@example.com>', 'Warm one', 'to warm'));
    const before = rawlogSessions('ocean');
    const cookie = await signIn('ocean');
    const res = await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}`, { cookie });
    expect(res.status).toBe(200);
    const touched = () => wrenCommands('ocean', before).filter((line) => /^\w+ FETCH \d+ \(.*BODY\.PEEK\[HEADER\]<0\.1>/.test(line));
    await expect.poll(touched, { timeout: 10_000 }).toHaveLength(1);
    // Listed again (the folder still selected): not read again.
    expect((await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}`, { cookie })).status).toBe(200);
    await openOk(cookie, (await res.json()).messages[0].id);
    expect(touched()).toHaveLength(1);
  });

  it('stays within MESSAGE_CACHE_BYTES: the least recently opened go first', async () => {
    setEnv({ MESSAGE_CACHE_BYTES: String(48 * 1024) });
    const folder = `Bound-${RUN}`;
    await ocean.mailboxCreate(folder);
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push(await append(ocean, folder, html('Olga <olga@example.com>', `Bound ${i}`, `${'words '.repeat(200)}${i}`)));
    const cookie = await signIn('ocean');
    const before = counts(await scrape());
    for (const id of ids) await openOk(cookie, id);
    const filled = counts(await scrape());
    expect(filled.evictions).toBeGreaterThan(before.evictions);
    expect(filled.bytes).toBeLessThanOrEqual(48 * 1024);
    // The last one opened is kept, the first was evicted: opened again, it is sanitized again.
    await openOk(cookie, ids.at(-1)!);
    const lastAgain = counts(await scrape());
    expect(lastAgain.hits).toBe(filled.hits + 1);
    expect(lastAgain.sanitized).toBe(filled.sanitized);
    await openOk(cookie, ids[0]);
    const firstAgain = counts(await scrape());
    expect(firstAgain.misses).toBe(lastAgain.misses + 1);
    expect(firstAgain.sanitized).toBe(lastAgain.sanitized + 1);
  });
});
