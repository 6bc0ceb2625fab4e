import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as sessionRoute from '@/app/api/session/route';
import { encodeMessageId } from '@/lib/message-id';
import type { MessagePageDto } from '@/lib/types';
import { rawImap, rawlogSessions, wrenCommands } from '../support/dovecot';
import { call, cookieFrom } from './call';

// What a session's first requests wait for (#22, docs/PERFORMANCE.md "#22 at 100,000 messages"),
// read from Dovecot's raw logs of scout's connections. scout is not seeded: each run makes its
// folders afresh.
const RUN = Date.now().toString(36);

let scout: ImapFlow;

async function signIn(): Promise<string> {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'scout', password: 'secret' } });
  expect(res.status).toBe(200);
  return cookieFrom(res);
}

/**
 * `raw` APPENDed to `folder` (made before), then opened in a new session: the message as the
 * route answered it, and Wren's `UID FETCH` commands for it in Dovecot's raw log.
 */
async function openFresh(folder: string, raw: string) {
  const appended = await scout.append(folder, raw);
  if (!appended || !appended.uid || !appended.uidValidity) throw new Error('APPEND gave no UID (UIDPLUS)');
  const { uid, uidValidity } = appended;
  const before = rawlogSessions('scout');
  const cookie = await signIn();
  const id = encodeMessageId({ path: folder, uidValidity: String(uidValidity), uid });
  const opened = await call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } });
  expect(opened.status).toBe(200);
  const fetches = wrenCommands('scout', before).filter((c) => new RegExp(`^\\w+ UID FETCH ${uid} `).test(c));
  return { message: await opened.json(), fetches };
}

const plain = (subject: string) => ['From: Sol <sol@example.com>', 'To: scout@example.com', `Subject: ${subject}`, '', `The text of ${subject}.`, ''].join('\r\n');

beforeAll(async () => {
  scout = await rawImap('scout');
});
afterAll(async () => {
  await scout.logout();
});

describe("a session's first open", () => {
  it("finds Dovecot's first file read of the folder done: the list queues it next on the connection, before any later request", async () => {
    const folder = `Warm-${RUN}`;
    await scout.mailboxCreate(folder);
    const appended = await scout.append(folder, plain('Older'));
    await scout.append(folder, plain('Newer'));
    if (!appended || !appended.uid || !appended.uidValidity) throw new Error('APPEND gave no UID (UIDPLUS)');
    const { uid, uidValidity } = appended;
    const before = rawlogSessions('scout');
    const cookie = await signIn();
    const listed = await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}`, { cookie });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as MessagePageDto).total).toBe(2);
    // The user clicks at once: the open comes right after the list's answer.
    const id = encodeMessageId({ path: folder, uidValidity: String(uidValidity), uid });
    const opened = await call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } });
    expect(opened.status).toBe(200);
    expect((await opened.json()).subject).toBe('Older');

    const commands = wrenCommands('scout', before);
    const warm = commands.findIndex((c) => /^\w+ FETCH \d+ \(.*BODY\.PEEK\[HEADER\]<0\.1>/.test(c));
    const open = commands.findIndex((c) => new RegExp(`^\\w+ UID FETCH ${uid} `).test(c));
    expect(warm).toBeGreaterThan(-1);
    expect(open).toBeGreaterThan(-1);
    // The read was already asked for when the list answered: it goes first, and the open's FETCH
    // finds the folder's UID list loaded (with a delay before it, a quick open went first and
    // paid the read itself).
    expect(warm).toBeLessThan(open);
    expect(commands.filter((c) => /BODY\.PEEK\[HEADER\]<0\.1>/.test(c))).toHaveLength(1);
  });
  it('asks for the message and its List-Unsubscribe fields in one FETCH, then the shown part', async () => {
    const folder = `Open-${RUN}`;
    await scout.mailboxCreate(folder);
    const listMail = ['From: News <news@example.com>', 'To: scout@example.com', 'Subject: Weekly', 'List-Unsubscribe: <mailto:leave@example.com>', '', 'This week.', ''].join('\r\n');
    const { message, fetches } = await openFresh(folder, listMail);
    expect(message.subject).toBe('Weekly');
    expect(message.unsubscribe).toEqual({ method: 'mailto', href: 'mailto:leave@example.com' });
    expect(message.body).toMatchObject({ kind: 'text' });
    // The open (ENVELOPE, the header's byte past the bound and the two fields), then the text.
    expect(fetches).toHaveLength(2);
    expect(fetches[0]).toMatch(/ENVELOPE .*BODY\.PEEK\[HEADER\]<262144\.1> BODY\.PEEK\[HEADER\.FIELDS \(list-unsubscribe list-unsubscribe-post\)\]/i);
    expect(fetches[1]).not.toMatch(/ENVELOPE|HEADER\.FIELDS/);
  });

  it('reads the first part of a multipart message at once, without asking BODYSTRUCTURE again', async () => {
    const folder = `Part1-${RUN}`;
    await scout.mailboxCreate(folder);
    // A text with an attachment: the text shown is part 1.
    const mixed = [
      'From: Sol <sol@example.com>',
      'To: scout@example.com',
      'Subject: With a file',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The text before the file.',
      '--b1',
      'Content-Type: application/octet-stream; name="a.bin"',
      'Content-Disposition: attachment; filename="a.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      'AAECAw==',
      '--b1--',
      '',
    ].join('\r\n');
    const { message, fetches } = await openFresh(folder, mixed);
    expect(message.body).toEqual({ kind: 'text', text: 'The text before the file.' });
    expect(message.attachments.map((a: { filename: string }) => a.filename)).toEqual(['a.bin']);
    // The open, then part 1 itself: no `(UID BODYSTRUCTURE)` between (imapflow's own check for part "1").
    expect(fetches).toHaveLength(2);
    expect(fetches[1]).toMatch(/BODY\.PEEK\[1\]/i);
  });
});

/** Messages whose shown part is decoded every way an open meets: the hostile corpus, the charsets, and a few made here. */
function decodingCorpus(): { name: string; raw: Buffer }[] {
  const dirs = [path.join(__dirname, '..', 'corpus'), path.join(__dirname, '..', 'seed', 'mail', 'Charsets')];
  const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => ({ name: f, raw: readFileSync(path.join(dir, f)) })));
  const made = (name: string, head: string[], body: string | Buffer) => ({
    name,
    raw: Buffer.concat([Buffer.from(['From: Sol <sol@example.com>', 'To: scout@example.com', `Subject: ${name}`, 'MIME-Version: 1.0', ...head, '', ''].join('\r\n')), Buffer.from(body)]),
  });
  return [
    ...files,
    made('flowed-delsp', ['Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes'], 'A line that was wr \r\napped by the sender, and a quote:\r\n> quoted\r\n'),
    made('flowed', ['Content-Type: text/plain; charset=iso-8859-1; format=flowed', 'Content-Transfer-Encoding: quoted-printable'], 'Soft =\r\nbreak and a flowed \r\nline, caf=E9.\r\n'),
    made('html-base64', ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64'], `${Buffer.from('<p>Grüße, <b>bold</b> ☃</p>').toString('base64')}\r\n`),
    made('unknown-charset', ['Content-Type: text/plain; charset=x-no-such-charset', 'Content-Transfer-Encoding: 8bit'], Buffer.from([0x48, 0xe9, 0x6c, 0x6c, 0x6f, 0x0d, 0x0a])),
    made('base64-garbage', ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'], 'SGVsbG8*!@ gd29y\r\nbGQ=====\r\n'),
    made('inline-text', ['Content-Type: text/plain; charset=windows-1252', 'Content-Disposition: inline; filename="note.txt"', 'Content-Transfer-Encoding: quoted-printable'], 'Price =80 5\r\n'),
  ];
}

describe('a first open of a listed message', () => {
  it('asks for the shown part in the open\'s own FETCH, and reads the same as the open without the list', async () => {
    const folder = `OneFetch-${RUN}`;
    await scout.mailboxCreate(folder);
    const corpus = decodingCorpus();
    const uids = new Map<number, string>();
    let uidValidity = '';
    for (const { name, raw } of corpus) {
      const appended = await scout.append(folder, raw);
      if (!appended || !appended.uid || !appended.uidValidity) throw new Error('APPEND gave no UID (UIDPLUS)');
      uids.set(appended.uid, name);
      uidValidity = String(appended.uidValidity);
    }
    const openAll = async (cookie: string) => {
      const bodies = new Map<string, unknown>();
      for (const [uid, name] of uids) {
        const id = encodeMessageId({ path: folder, uidValidity, uid });
        const res = await call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } });
        expect(res.status, name).toBe(200);
        const message = await res.json();
        // The image proxy's signatures are the session's own: left out of the comparison.
        bodies.set(name, JSON.parse(JSON.stringify({ body: message.body, attachments: message.attachments }).replace(/(&(?:amp;)?s=)[\w-]+/g, '$1')));
      }
      return bodies;
    };
    const fetchesPerUid = (commands: string[]) =>
      [...uids.keys()].map((uid) => commands.filter((c) => new RegExp(`^\\w+ UID FETCH ${uid} `).test(c)));

    // Listed first: the list plans each message's part, and the open asks for it at once.
    let before = rawlogSessions('scout');
    const listing = await signIn();
    const listed = await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}&limit=${corpus.length}`, { cookie: listing });
    const page = (await listed.json()) as MessagePageDto;
    expect(page.total).toBe(corpus.length);
    // The plan is the server's: not in the rows sent.
    expect(page.messages.some((row) => 'shown' in row)).toBe(false);
    const withPlan = await openAll(listing);
    const planned = fetchesPerUid(wrenCommands('scout', before));
    await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie: listing });

    // Not listed (sign-out dropped the user's rows): the open, then imapflow's download.
    before = rawlogSessions('scout');
    const direct = await signIn();
    const without = await openAll(direct);
    const unplanned = fetchesPerUid(wrenCommands('scout', before));
    await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie: direct });

    for (const { name } of corpus) expect(withPlan.get(name), name).toEqual(without.get(name));
    // Each message that shows a part: one FETCH with the part when listed, two without.
    const names = [...uids.values()];
    const shows = names.map((name) => ['text', 'html'].includes((withPlan.get(name) as { body: { kind: string } }).body.kind));
    expect(shows.filter(Boolean).length).toBeGreaterThan(corpus.length / 2);
    const partInOpen = (f: string[]) => f.length === 1 && /ENVELOPE.*BODY\.PEEK\[(TEXT|[\d.]+)\]/i.test(f[0]);
    names.forEach((name, i) => {
      if (!shows[i]) return;
      expect(partInOpen(planned[i]), name).toBe(true);
      expect(unplanned[i], name).toHaveLength(2);
    });
  });
});
