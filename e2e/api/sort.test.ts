import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as messagesRoute from '@/app/api/messages/route';
import * as sessionRoute from '@/app/api/session/route';
import * as settingsRoute from '@/app/api/settings/route';
import * as sortRoute from '@/app/api/settings/sort/route';
import type { MessagePageDto, SettingsDto } from '@/lib/types';
import { closeAllConnections } from '@/server/imap/pool';
import { rawImap } from '../support/dovecot';
import { call, cookieFrom } from './call';

// Sorting with SORT (RFC 5256) on the test Dovecot, which has SORT and SORT=DISPLAY. User sonja,
// not seeded: each run makes a folder of its own.
const USER = 'sonja';
const folder = `Sort-${randomUUID().slice(0, 8)}`;

// Arrival order is this list's; dates, senders, subjects and sizes each sort it differently.
const MAIL = [
  { from: 'Mona Berg <mona@sort.test>', subject: 'Charlie', date: '2024-03-02T10:00:00Z', pad: 10 },
  { from: 'Anna Zell <zz@sort.test>', subject: 'alpha', date: '2024-01-05T10:00:00Z', pad: 3000 },
  { from: 'Zoe Adler <aa@sort.test>', subject: 'Re: Bravo', date: '2024-05-01T10:00:00Z', pad: 500 },
  { from: 'Kai Nord <kai@sort.test>', subject: 'delta', date: '2023-12-24T10:00:00Z', pad: 9000 },
];

const raw = (m: (typeof MAIL)[number]) =>
  [`From: ${m.from}`, `To: ${USER}@example.com`, `Subject: ${m.subject}`, `Date: ${new Date(m.date).toUTCString()}`, `Message-ID: <${randomUUID()}@sort.test>`, '', 'x'.repeat(m.pad), ''].join('\r\n');

let client: ImapFlow;
let cookie: string;

beforeAll(async () => {
  client = await rawImap(USER);
  await client.mailboxCreate(folder);
  for (const m of MAIL) await client.append(folder, raw(m));
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: USER, password: 'secret' } });
  expect(res.status).toBe(200);
  cookie = cookieFrom(res);
});

afterAll(async () => {
  await client.mailboxDelete(folder).catch(() => undefined);
  await client.logout();
  await closeAllConnections();
});

async function list(query: string): Promise<MessagePageDto> {
  const res = await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}&${query}`, { cookie });
  expect(res.status).toBe(200);
  return res.json();
}

const subjects = (page: MessagePageDto) => page.messages.map((m) => m.subject);
// Wren's connection was opened at sign-in: what it sent since a point is each raw log's lines
// past the count it had then.
const logs = () => {
  const base = join(process.env.DOVECOT_DIR!, 'rawlog', USER);
  return new Map(readdirSync(base).filter((f) => f.endsWith('.in')).map((f) => [f, readFileSync(join(base, f), 'latin1').split('\n')]));
};
const mark = () => new Map([...logs()].map(([f, lines]) => [f, lines.length - 1]));
const sentSince = (before: Map<string, number>) =>
  [...logs()].flatMap(([f, lines]) => lines.slice(before.get(f) ?? 0)).map((line) => line.replace(/^\d+\.\d+ /, '').trim()).filter(Boolean);
const sorts = (before: Map<string, number>) => sentSince(before).filter((c) => / UID SORT /.test(c));

describe('sorting a folder with SORT', () => {
  it('GET /api/messages – each order as the server sorts it, sent as UID SORT', async () => {
    const before = mark();
    const arrival = await list('');
    expect(arrival.canSort).toBe(true);
    expect(arrival.sort).toBe('arrival-desc');
    expect(subjects(arrival)).toEqual(['delta', 'Re: Bravo', 'alpha', 'Charlie']);
    expect(subjects(await list('sort=arrival-asc'))).toEqual(['Charlie', 'alpha', 'Re: Bravo', 'delta']);
    expect(subjects(await list('sort=date-desc'))).toEqual(['Re: Bravo', 'Charlie', 'alpha', 'delta']);
    expect(subjects(await list('sort=date-asc'))).toEqual(['delta', 'alpha', 'Charlie', 'Re: Bravo']);
    // SUBJECT is the base subject (RFC 5256: "Re:" dropped), compared without case.
    expect(subjects(await list('sort=subject-asc'))).toEqual(['alpha', 'Re: Bravo', 'Charlie', 'delta']);
    // The sender by display name (SORT=DISPLAY): Anna, Kai, Mona, Zoe.
    expect(subjects(await list('sort=from-asc'))).toEqual(['alpha', 'delta', 'Charlie', 'Re: Bravo']);
    expect(subjects(await list('sort=size-desc'))).toEqual(['delta', 'alpha', 'Re: Bravo', 'Charlie']);
    const sent = sorts(before);
    expect(sent.some((c) => c.includes('UID SORT (REVERSE DATE) UTF-8 ALL'))).toBe(true);
    expect(sent.some((c) => c.includes('UID SORT (SUBJECT) UTF-8 ALL'))).toBe(true);
    expect(sent.some((c) => c.includes('UID SORT (DISPLAYFROM) UTF-8 ALL'))).toBe(true);
    // Arrival order needs no SORT (sequence numbers), either way.
    expect(sent.some((c) => c.includes('ARRIVAL'))).toBe(false);
  });

  it('GET /api/messages – pages over the sorted UIDs: one SORT, then each page FETCHes only its window', async () => {
    const before = mark();
    const first = await list('sort=size-asc&offset=0&limit=2');
    const second = await list('sort=size-asc&offset=2&limit=2');
    expect(first.total).toBe(4);
    expect(subjects(first)).toEqual(['Charlie', 'Re: Bravo']);
    expect(subjects(second)).toEqual(['alpha', 'delta']);
    const commands = sentSince(before);
    expect(commands.filter((c) => c.includes('UID SORT (SIZE)'))).toHaveLength(1);
    // The second page's FETCH names its two UIDs only.
    const fetches = commands.filter((c) => /UID FETCH [\d,]+ \(/.test(c)).map((c) => c.match(/UID FETCH ([\d,]+) /)![1]);
    expect(fetches.every((set) => set.split(',').length <= 2)).toBe(true);
  });

  it('GET /api/messages – mail that arrives makes a new SORT, and takes its place in the order', async () => {
    await list('sort=subject-asc');
    const before = mark();
    await client.append(folder, raw({ from: 'Bo <bo@sort.test>', subject: 'Bingo', date: '2024-02-01T10:00:00Z', pad: 1 }));
    const page = await list('sort=subject-asc');
    expect(subjects(page)).toEqual(['alpha', 'Bingo', 'Re: Bravo', 'Charlie', 'delta']);
    expect(sorts(before).filter((c) => c.includes('UID SORT (SUBJECT)'))).toHaveLength(1);
  });

  it('GET /api/messages – an order that is not one of the list\'s is refused', async () => {
    const res = await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}&sort=flags-asc`, { cookie });
    expect(res.status).toBe(400);
  });

  it('PUT /api/settings/sort – the folder\'s order is kept in the settings on the mail server; another origin is refused', async () => {
    const put = (body: unknown, origin?: string) => call(sortRoute.PUT, '/api/settings/sort', { method: 'PUT', body, cookie, origin });
    expect((await put({ folder, sort: 'subject-asc' }, 'https://evil.test')).status).toBe(403);
    expect((await put({ folder, sort: 'sideways' })).status).toBe(400);
    const res = await put({ folder, sort: 'subject-asc' });
    expect(res.status).toBe(200);
    const settings: SettingsDto = await (await call(settingsRoute.GET, '/api/settings', { cookie })).json();
    expect(settings.storage).toBe('imap-metadata');
    expect(settings.settings.ui.folderSort).toEqual({ [folder]: 'subject-asc' });
    // Back to the default: nothing kept for the folder.
    expect((await put({ folder, sort: 'arrival-desc' })).status).toBe(200);
    const after: SettingsDto = await (await call(settingsRoute.GET, '/api/settings', { cookie })).json();
    expect(after.settings.ui.folderSort).toEqual({});
  });
});
