import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as changesRoute from '@/app/api/messages/changes/route';
import type { FolderChangesDto, MessagePageDto } from '@/lib/types';
import { poolStats } from '@/server/imap/pool';
import { countHeaderFetches, rawImap, restartDovecot } from '../support/dovecot';
import { call, cookieFrom } from './call';
import { openEventStream } from './event-stream';

// bob receives only (nobody counts his mail); the changes come from a raw IMAP client, as from
// another device or another mail program.

let cookie: string;
let raw: ImapFlow;

beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'bob', password: 'secret' } }));
  raw = await rawImap('bob');
});
afterAll(async () => {
  await raw.logout().catch(() => undefined);
});

/** An open event stream of bob's session; Wren's answer is an event stream that no proxy transforms. */
async function openStream(folder: string, lastEventId?: string) {
  const stream = await openEventStream(cookie, folder, lastEventId);
  expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
  expect(stream.headers.get('cache-control')).toContain('no-transform');
  return stream;
}

async function inFolder<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = await raw.getMailboxLock(path);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

const mail = (subject: string) => `From: Ann <ann@example.org>\r\nTo: bob@example.com\r\nSubject: ${subject}\r\n\r\nHello\r\n`;

describe('GET /api/events – IDLE pushed to the browser', () => {
  it('a message APPENDed elsewhere arrives within 2 s, then its flag change and its deletion, by UID; folder counts follow', async () => {
    const stream = await openStream('INBOX');
    try {
      const appended = await raw.append('INBOX', mail(`Live ${Date.now()}`));
      const t0 = Date.now();
      const exists = await stream.waitFor((e) => e.type === 'exists' && e.folder === 'INBOX');
      expect(exists.at - t0).toBeLessThan(2000);
      const uid = appended && appended.uid;
      expect(uid).toBeGreaterThan(0);
      const counts = await stream.waitFor((e) => e.type === 'folders');
      expect(counts.event.type === 'folders' && counts.event.folders.find((f) => f.path === 'INBOX')?.unread).toBeGreaterThan(0);

      await inFolder('INBOX', () => raw.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }));
      const flags = await stream.waitFor((e) => e.type === 'flags' && e.uid === uid);
      expect(flags.event).toMatchObject({ seen: true, flagged: false });

      await inFolder('INBOX', () => raw.messageDelete(String(uid), { uid: true }));
      await stream.waitFor((e) => e.type === 'expunge' && e.uid === uid);
    } finally {
      stream.close();
    }
  });

  it('requests of the session answer at once while its connection IDLEs', async () => {
    const stream = await openStream('INBOX');
    try {
      await new Promise((r) => setTimeout(r, 200));
      const res = await call(messagesRoute.GET, '/api/messages?folder=INBOX&limit=10', { cookie });
      expect(res.status).toBe(200);
      // And IDLE resumes after it: a later change is still heard.
      await raw.append('INBOX', mail(`After request ${Date.now()}`));
      await stream.waitFor((e) => e.type === 'exists');
    } finally {
      stream.close();
    }
  });

  it('several tabs of one sign-in share its one IMAP connection', async () => {
    const tabs = await Promise.all([openStream('INBOX'), openStream('INBOX'), openStream('INBOX')]);
    try {
      expect(poolStats().byLane.main).toBeGreaterThan(0);
      const before = poolStats().byUser.bob;
      const more = await openStream('INBOX');
      expect(poolStats().byUser.bob).toBe(before);
      await raw.append('INBOX', mail(`Tabs ${Date.now()}`));
      for (const tab of [...tabs, more]) await tab.waitFor((e) => e.type === 'exists');
      more.close();
    } finally {
      for (const tab of tabs) tab.close();
    }
  });

  it('a stream that reconnects with Last-Event-ID gets what it missed; an unknown id gets resync', async () => {
    const keeper = await openStream('INBOX');
    const first = await openStream('INBOX');
    try {
      await raw.append('INBOX', mail(`Before gap ${Date.now()}`));
      const seen = await first.waitFor((e) => e.type === 'exists');
      first.close();
      await raw.append('INBOX', mail(`During gap ${Date.now()}`));
      await keeper.waitFor((e) => e.type === 'exists' && keeper.received.filter((r) => r.event.type === 'exists').length >= 2);
      const back = await openStream('INBOX', seen.id!);
      try {
        await back.waitFor((e) => e.type === 'exists');
        expect(back.received.some((r) => r.event.type === 'resync')).toBe(false);
      } finally {
        back.close();
      }
      const stranger = await openStream('INBOX', 'deadbeef-12');
      try {
        await stranger.waitFor((e) => e.type === 'resync');
      } finally {
        stranger.close();
      }
    } finally {
      keeper.close();
    }
  });

  it('Dovecot restarted while watching: the stream says resync once the connection is back', async () => {
    const stream = await openStream('INBOX');
    try {
      restartDovecot();
      await stream.waitFor((e) => e.type === 'resync', 15_000);
      // Watching again: a new message is heard.
      await raw.logout().catch(() => undefined);
      raw = await rawImap('bob');
      await raw.append('INBOX', mail(`After restart ${Date.now()}`));
      await stream.waitFor((e) => e.type === 'exists', 5000);
    } finally {
      stream.close();
    }
  });
});

describe('GET /api/messages/changes – catching up after a gap with CONDSTORE/QRESYNC', () => {
  it('returns only what changed: new and re-flagged messages, and the expunged UIDs; fetches headers of the new one alone', async () => {
    const gap = `Gap-${Date.now()}`;
    await raw.mailboxCreate(gap);
    for (let i = 0; i < 5; i++) await raw.append(gap, mail(`Gap ${i}`));
    const page: MessagePageDto = await (await call(messagesRoute.GET, `/api/messages?folder=${gap}`, { cookie })).json();
    expect(page.sync.highestModseq).toMatch(/^\d+$/);
    const [newest, second, third] = page.messages;
    // The gap: another device reads one, deletes one, and a message arrives.
    await inFolder(gap, async () => {
      await raw.messageFlagsAdd(String(second.uid), ['\\Seen'], { uid: true });
      await raw.messageDelete(String(third.uid), { uid: true });
    });
    const added = await raw.append(gap, mail('Gap new'));
    // Messages Wren fetched (with headers), not the flag changes the server reports on its own.
    const fetched = () => countHeaderFetches('bob');
    const before = fetched();
    const res = await call(changesRoute.GET, `/api/messages/changes?folder=${gap}&uidValidity=${page.sync.uidValidity}&modseq=${page.sync.highestModseq}`, { cookie });
    expect(res.status).toBe(200);
    const changes: FolderChangesDto = await res.json();
    expect(changes.reset).toBe(false);
    expect(changes.changed.map((m) => m.uid).sort()).toEqual([second.uid, added && added.uid].sort());
    expect(changes.changed.find((m) => m.uid === second.uid)?.seen).toBe(true);
    expect(changes.vanished).toEqual([third.uid]);
    expect(changes.total).toBe(5);
    expect(changes.changed.some((m) => m.uid === newest.uid)).toBe(false);
    // Only the new message's headers were fetched: the one read elsewhere was listed before,
    // so its row comes from the cache with its new flags (server/mail/rows/row-cache.ts).
    expect(fetched() - before).toBe(1);
  });

  it('a changed UIDVALIDITY resets the folder', async () => {
    const reborn = `Reborn-${Date.now()}`;
    await raw.mailboxCreate(reborn);
    await raw.append(reborn, mail('Old life'));
    const page: MessagePageDto = await (await call(messagesRoute.GET, `/api/messages?folder=${reborn}`, { cookie })).json();
    await raw.mailboxDelete(reborn);
    // Dovecot's UIDVALIDITY is a time in seconds: a folder recreated within the second could keep it.
    await new Promise((r) => setTimeout(r, 1100));
    await raw.mailboxCreate(reborn);
    const status = await raw.status(reborn, { uidValidity: true });
    expect(status && String(status.uidValidity)).not.toBe(page.sync.uidValidity);
    const changes: FolderChangesDto = await (
      await call(changesRoute.GET, `/api/messages/changes?folder=${reborn}&uidValidity=${page.sync.uidValidity}&modseq=${page.sync.highestModseq}`, { cookie })
    ).json();
    expect(changes.reset).toBe(true);
    expect(changes.sync.uidValidity).not.toBe(page.sync.uidValidity);
  });
});
