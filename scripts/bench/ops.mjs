// The operations, each as a pair: the floor's IMAP work (floor.mjs) and Wren's HTTP call as
// the browser makes it. Every fn checks what it got, so a wrong answer fails the run.
import * as floor from './floor.mjs';
import { WrenClient } from './wren-http.mjs';

const MOVE_COUNT = 1000;

/** lib/message-id.ts encodeMessageId. */
export function messageId(uidValidity, uid, path) {
  return `${uidValidity}.${uid}.${Buffer.from(path).toString('base64url')}`;
}

/** lib/selection.ts toUidSet: [1,2,3,7] -> "1:3,7". */
export function toUidSet(uids) {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(start === sorted[i] ? String(start) : `${start}:${sorted[i]}`);
  }
  return parts.join(',');
}

function expect(what, got, wanted) {
  if (got !== wanted) throw new Error(`${what}: got ${got}, expected ${wanted}`);
}

const isHtml = (m) => floor.findBodyPart(m.bodyStructure)?.type === 'text/html';

/** Untimed, between the list and the click, on both sides: the user reads the list. */
const THINK_MS = 300;
const think = () => new Promise((resolve) => setTimeout(resolve, THINK_MS));

/**
 * "open ..., first in a session": any message of the newest 100 in page order, and HTML ones
 * only, each round a fresh session on each side, the pages down to the message's listed (as a
 * user scrolls to it: the first page, and the second for a message on it) and THINK_MS passed
 * (target: +5 ms at p50, issue #22). What Wren does in the pause (server/mail/list.ts reads a
 * message file, Dovecot's first file read after a SELECT) counts for it, as for a user.
 */
function firstOpenOps(ctx, path, messages, id) {
  const { target, reps } = ctx;
  const pageOf = (offset) => `/api/messages?folder=${encodeURIComponent(path)}&offset=${offset}&limit=50`;
  // The offsets of the pages a user lists to reach the message: 0, and 50 for one on the second page.
  const pagesTo = (m) => Array.from({ length: Math.floor(messages.indexOf(m) / 50) + 1 }, (_, i) => i * 50);
  const spec = (op, list) => ({
    op,
    reps: reps.fast,
    addedMs: 5,
    cpu: true,
    setup: {
      floor: async (round) => {
        const client = await floor.connectFloor(target);
        for (const offset of pagesTo(list[round % list.length])) await floor.listPage(client, path, offset);
        await think();
        return client;
      },
      wren: async (round) => {
        const session = await new WrenClient(target.wrenUrl).signIn(target.user, target.pass);
        for (const offset of pagesTo(list[round % list.length])) await session.json('GET', pageOf(offset));
        await think();
        return session;
      },
    },
    floor: async (round, client) => {
      const m = list[round % list.length];
      expect('body read', (await floor.openMessage(client, path, m.uid)) >= 0, true);
      return () => client.logout().catch(() => {});
    },
    wren: async (round, session) => {
      const m = list[round % list.length];
      const body = (await session.json('GET', `/api/messages/${id(m.uid)}`)).body.kind;
      expect('body kind', body === 'html' || body === 'text' || body === 'none', true);
      if (isHtml(m)) expect('body kind', body, 'html');
      return () => session.request('DELETE', '/api/session').then((res) => res.arrayBuffer());
    },
  });
  return [spec('open any message, first in a session', messages), spec('open a message (HTML), first in a session', messages.filter(isHtml))];
}

/** Sign-in and the folder list: not tied to one mailbox. */
export function accountOps(ctx) {
  const { target, floorClient, wren } = ctx;
  return [
    {
      // No IMAP at all: what a request costs Wren by itself (Next, cookie, session lookup).
      op: 'HTTP alone (GET /api/session)',
      reps: ctx.reps.fast,
      floor: null,
      wren: async () => expect('username', (await wren.json('GET', '/api/session')).username, target.user),
    },
    {
      op: 'sign-in',
      reps: ctx.reps.fast,
      // Each side logs out after each sign-in, untimed (measurePair runs the returned clean-up).
      floor: async () => {
        const client = await floor.connectFloor(target);
        return () => client.logout().catch(() => {});
      },
      wren: async () => {
        const session = await new WrenClient(target.wrenUrl).signIn(target.user, target.pass);
        return () => session.request('DELETE', '/api/session').then((res) => res.arrayBuffer());
      },
    },
    {
      op: 'folder list with counts',
      reps: ctx.reps.fast,
      floor: async () => expect('folders', (await floor.listFolders(floorClient)).length > 0, true),
      wren: async () => expect('folders', (await wren.json('GET', '/api/folders')).folders.length > 0, true),
    },
  ];
}

/**
 * The per-mailbox operations on `folder` (a manifest entry). Reads what it needs first: the
 * UIDVALIDITY, the newest page (an HTML message to open, two to flag), the oldest 1,000 to move.
 */
export async function mailboxOps(ctx, folder) {
  const { floorClient: client, wren, reps, manifest } = ctx;
  const path = folder.path;
  const { uidValidity } = await floor.withMailbox(client, path, async (mailbox) => mailbox);
  const page = await floor.listPage(client, path, 0);
  const html = page.find((m) => m.bodyStructure.type === 'multipart/alternative') ?? page[0];
  const [flagFloor, flagWren] = page.filter((m) => m !== html);
  const second = await floor.listPage(client, path, 50);
  const htmls = page.concat(second).filter(isHtml);
  const htmlOf = (round) => htmls[round % htmls.length];
  const oldest = await floor.withMailbox(client, path, () => client.fetchAll(`1:${MOVE_COUNT}`, { uid: true }));
  const move = { set: toUidSet(oldest.map((m) => m.uid)) };
  const id = (uid) => messageId(uidValidity, uid, path);
  const q = (query) => `/api/messages?folder=${encodeURIComponent(path)}&offset=0&limit=50&q=${encodeURIComponent(query)}`;
  const deep = Math.floor(folder.count / 2);
  const pageOf = (offset) => `/api/messages?folder=${encodeURIComponent(path)}&offset=${offset}&limit=50`;
  // Wren keeps each session's last search UIDs for a minute (server/mail/search/result-cache.ts). Alternating the
  // word's case (IMAP SEARCH ignores it) makes every round a real search on both sides.
  const word = (w, round) => (round % 2 ? w.toUpperCase() : w);
  const { subject, body } = manifest.sentinels;

  return [
    {
      op: 'first page of 50',
      reps: reps.fast,
      floor: async () => expect('messages', (await floor.listPage(client, path, 0)).length, 50),
      wren: async () => expect('messages', (await wren.json('GET', pageOf(0))).messages.length, 50),
    },
    {
      op: `deep page (offset ${deep.toLocaleString('en')})`,
      reps: reps.fast,
      floor: async () => expect('messages', (await floor.listPage(client, path, deep)).length, 50),
      wren: async () => expect('messages', (await wren.json('GET', pageOf(deep))).messages.length, 50),
    },
    {
      op: 'open a message (HTML)',
      reps: reps.fast,
      cpu: true,
      floor: async () => expect('body read', (await floor.openMessage(client, path, html.uid)) > 0, true),
      wren: async () => expect('body kind', (await wren.json('GET', `/api/messages/${id(html.uid)}`)).body.kind, 'html'),
    },
    // Issue #22: a user opens a message once, in a session that has just listed the folder; the
    // row above opens one message again and again (since the cache of shown messages, a re-open).
    // Each round here is a fresh session on both sides (signed in and the first page listed,
    // untimed; signed out after) and a message not opened before in it, in page order: the
    // floor is a fresh imapflow connection doing the same FETCHes.
    ...firstOpenOps(ctx, path, page.concat(second), id),
    {
      op: 're-open a message (HTML), opened before in the session',
      reps: reps.fast,
      addedMs: 2,
      cpu: true,
      // Each round another HTML message, opened once untimed in the bench's session first.
      setup: { wren: async (round) => wren.json('GET', `/api/messages/${id(htmlOf(round).uid)}`) },
      floor: async (round) => expect('body read', (await floor.openMessage(client, path, htmlOf(round).uid)) > 0, true),
      wren: async (round) => expect('body kind', (await wren.json('GET', `/api/messages/${id(htmlOf(round).uid)}`)).body.kind, 'html'),
    },
    {
      op: 'flag one (set or clear)',
      reps: reps.fast,
      floor: (round) => floor.setFlag(client, path, flagFloor.uid, '\\Flagged', round % 2 === 0),
      wren: (round) => wren.json('POST', '/api/messages/flags', { ids: [id(flagWren.uid)], flagged: round % 2 === 0 }),
    },
    {
      op: 'subject search',
      reps: reps.search,
      floor: async (round) => expect('matches', (await floor.searchPage(client, path, { subject: word(subject, round) })).total, folder.hits.subject),
      wren: async (round) => expect('matches', (await wren.json('GET', q(`subject:${word(subject, round)}`))).total, folder.hits.subject),
    },
    {
      op: 'body search',
      reps: reps.bodySearch,
      floor: async (round) => expect('matches', (await floor.searchPage(client, path, { body: word(body, round) })).total, folder.hits.body),
      wren: async (round) => expect('matches', (await wren.json('GET', q(`body:${word(body, round)}`))).total, folder.hits.body),
    },
    {
      op: 'move 1,000 and back',
      reps: reps.move,
      floor: async () => {
        const there = await floor.moveMessages(client, path, move.set, manifest.empty.moved);
        const back = await floor.moveMessages(client, manifest.empty.moved, toUidSet(there), path);
        expect('moved back', back.length, MOVE_COUNT);
        move.set = toUidSet(back);
      },
      wren: async () => {
        const there = await wren.json('POST', '/api/messages/move', { selection: { folder: path, uidValidity: String(uidValidity), uids: move.set }, destination: manifest.empty.moved });
        const back = await wren.json('POST', '/api/messages/move', { selection: there.undo, destination: path });
        expect('moved back', back.count, MOVE_COUNT);
        move.set = back.undo.uids;
      },
    },
  ];
}
