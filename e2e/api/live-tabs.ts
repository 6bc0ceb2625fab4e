import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as changesRoute from '@/app/api/messages/changes/route';
import type { FolderChangesDto, LiveEventDto, MessagePageDto } from '@/lib/types';
import { rawImap } from '../support/dovecot';
import { call, cookieFrom } from './call';
import { openEventStream } from './event-stream';

/**
 * The live-updates suite of several tabs, run against the test Dovecot (NOTIFY) by
 * live-tabs.test.ts and against one without NOTIFY by live-tabs-fallback.test.ts. User `tabs`
 * is not seeded and no other test counts its mail. Its Sent folder is `Sent Messages`
 * (scripts/dovecot.sh names special-use folders unlike their roles).
 */

export const USER = 'tabs';
export const FOLDERS = ['INBOX', 'Work', 'Sent Messages'];
/** Each tab must hear its folder's change within this long. */
const WITHIN_MS = 1000;

/** An open event stream of the session for `folder`. */
export const openStream = (cookie: string, folder: string) => openEventStream(cookie, folder);

type Stream = Awaited<ReturnType<typeof openStream>>;

/** A change of the stream's own folder: new rows, removed rows, or "catch up". */
export const isChangeOf = (folder: string) => (e: LiveEventDto) => (e.type === 'exists' || e.type === 'expunge' || e.type === 'changed') && e.folder === folder;

export const mail = (subject: string) => `From: Ann <ann@example.org>\r\nTo: tabs@example.com\r\nSubject: ${subject}\r\n\r\nHello\r\n`;

async function syncPoint(cookie: string, folder: string) {
  const page: MessagePageDto = await (await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}&limit=10`, { cookie })).json();
  return page.sync;
}

/** What the browser's catch-up gets after the event: the rows that came and went. */
async function changesSince(cookie: string, folder: string, sync: MessagePageDto['sync']): Promise<FolderChangesDto> {
  const query = `folder=${encodeURIComponent(folder)}&uidValidity=${sync.uidValidity}&modseq=${sync.highestModseq}`;
  const res = await call(changesRoute.GET, `/api/messages/changes?${query}`, { cookie });
  expect(res.status).toBe(200);
  return res.json();
}

/** Signs user tabs in: a new session. */
export async function signInTabs(): Promise<string> {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: USER, password: 'secret' } });
  expect(res.status).toBe(200);
  return cookieFrom(res);
}

/** The suite: three tabs of one sign-in on INBOX, Work and Sent; `check` runs with the tabs open. */
export function describeThreeTabs(title: string, check: (streams: Stream[]) => void = () => undefined) {
  let cookie: string;
  let raw: ImapFlow;
  beforeAll(async () => {
    raw = await rawImap(USER);
    for (const path of FOLDERS) if (path !== 'INBOX') await raw.mailboxCreate(path).catch(() => undefined);
    // A message that stays, so the removal below leaves the folder not empty: the catch-up of an
    // emptied folder answers total 0 rather than the UIDs that went.
    for (const path of FOLDERS) await raw.append(path, mail('Resident'));
    cookie = await signInTabs();
  });
  afterAll(async () => {
    await raw?.logout().catch(() => undefined);
  });

  describe(title, () => {
    it('three tabs on INBOX, Work and Sent: each hears its own folder\'s new message within 1 s, and its removal; the catch-up brings the row and takes it away', async () => {
      const syncs = await Promise.all(FOLDERS.map((folder) => syncPoint(cookie, folder)));
      const streams: Stream[] = [];
      for (const folder of FOLDERS) streams.push(await openStream(cookie, folder));
      try {
        check(streams);
        const stamp = Date.now();
        const uids: number[] = [];
        const arrivals: Array<Promise<unknown>> = [];
        for (const [i, folder] of FOLDERS.entries()) {
          const since = Date.now();
          const appended = await raw.append(folder, mail(`Tab ${i} ${stamp}`));
          if (!appended || !appended.uid) throw new Error(`APPEND to ${folder} gave no UID`);
          uids.push(appended.uid);
          arrivals.push(streams[i].waitFor(isChangeOf(folder), WITHIN_MS, since));
        }
        await Promise.all(arrivals);
        for (const [i, folder] of FOLDERS.entries()) {
          const changes = await changesSince(cookie, folder, syncs[i]);
          expect(changes.changed.map((m) => m.uid)).toContain(uids[i]);
          syncs[i] = changes.sync;
        }
        // Each stream heard only its own folder.
        for (const stream of streams) {
          for (const { event } of stream.received) if ('folder' in event) expect(event.folder).toBe(stream.folder);
        }

        const removals: Array<Promise<unknown>> = [];
        for (const [i, folder] of FOLDERS.entries()) {
          const since = Date.now();
          const lock = await raw.getMailboxLock(folder);
          try {
            await raw.messageDelete(String(uids[i]), { uid: true });
          } finally {
            lock.release();
          }
          removals.push(streams[i].waitFor(isChangeOf(folder), WITHIN_MS, since));
        }
        await Promise.all(removals);
        for (const [i, folder] of FOLDERS.entries()) {
          const changes = await changesSince(cookie, folder, syncs[i]);
          expect(changes.vanished).toContain(uids[i]);
        }
      } finally {
        for (const stream of streams) stream.close();
      }
    });
  });
}
