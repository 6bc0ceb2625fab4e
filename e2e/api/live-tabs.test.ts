import { describe, expect, it } from 'vitest';
import * as messagesRoute from '@/app/api/messages/route';
import type { LiveEventDto, MessagePageDto } from '@/lib/types';
import { poolStats } from '@/server/imap/pool';
import { rawImap, rawlogSessions, wrenCommands } from '../support/dovecot';
import { call } from './call';
import { describeThreeTabs, isChangeOf, mail, openStream, signInTabs, USER } from './live-tabs';

// The test Dovecot announces NOTIFY (scripts/dovecot.sh sets mailbox_list_index): one IMAP
// connection hears all three folders.
describeThreeTabs('GET /api/events with NOTIFY – every tab hears its own folder on the one connection', () => {
  expect(poolStats().byUser[USER]).toBe(1);
});

describe('GET /api/events with NOTIFY – tabs that change folders', () => {
  it('a tab that opens another folder is heard at once: NOTIFY is set once per connection, never again (Dovecot 2.3 drops changes made within a second of a repeated NOTIFY SET)', async () => {
    const cookie = await signInTabs();
    const raw = await rawImap(USER);
    const notifySets = () => wrenCommands(USER).filter((line) => /^\S+ NOTIFY SET /.test(line)).length;
    const before = notifySets();
    const streams = [await openStream(cookie, 'INBOX')];
    try {
      // The user opens Work in a second tab, and Sent in a third: INBOX, Work and Sent must be
      // heard from the moment each stream answers.
      for (const folder of ['Work', 'Sent Messages']) {
        streams.push(await openStream(cookie, folder));
        const since = Date.now();
        await raw.append('INBOX', mail(`While ${folder} opens ${since}`));
        await streams[0].waitFor(isChangeOf('INBOX'), 1000, since);
      }
      expect(notifySets()).toBe(before + 1);
    } finally {
      for (const stream of streams) stream.close();
      await raw.logout().catch(() => undefined);
    }
  });
});

describe('GET /api/events with NOTIFY – a folder deleted elsewhere', () => {
  it('the tab on it does not silence the others: a tab on Work still hears its new mail', async () => {
    const earlier = rawlogSessions(USER);
    const cookie = await signInTabs();
    const raw = await rawImap(USER);
    const doomed = `Doomed${Date.now()}`;
    await raw.mailboxCreate(doomed);
    const work = await openStream(cookie, 'Work');
    // The newest tab's folder is the one the connection IDLEs on.
    const gone = await openStream(cookie, doomed);
    try {
      // The delete comes once the connection idles on the folder, as when it is deleted on another
      // device a moment later. A delete overlapping the connection's own work on the folder (its
      // STATUS of the folders left, the IDLE's first sync) once left Dovecot re-creating the
      // folder, empty under a new UIDVALIDITY, so that it was there again (fresh-clone CI55).
      await expect.poll(() => wrenCommands(USER, earlier).at(-1), { timeout: 2000 }).toMatch(/^\S+ IDLE$/);
      await raw.mailboxDelete(doomed);
      // Dovecot closes the connection that had the folder selected ("Selected mailbox was
      // deleted"); the tab on it catches up and learns that the folder is gone.
      expect((await call(messagesRoute.GET, `/api/messages?folder=${doomed}`, { cookie })).status).toBe(404);
      const since = Date.now();
      await raw.append('Work', mail(`After the delete ${since}`));
      // The Work tab is told to catch up (the connection came back: resync) ...
      await work.waitFor((e) => e.type === 'resync' || isChangeOf('Work')(e), 3000, since);
      // ... and hears what comes next as it comes.
      const later = Date.now();
      await raw.append('Work', mail(`Later ${later}`));
      await work.waitFor(isChangeOf('Work'), 1000, later);
    } finally {
      work.close();
      gone.close();
      await raw.logout().catch(() => undefined);
    }
  });
});

describe('GET /api/events with NOTIFY – the last tab closing', () => {
  it('leaves NOTIFY as it is; mail arriving later is still listed', async () => {
    const cookie = await signInTabs();
    const raw = await rawImap(USER);
    const list = async () => (await (await call(messagesRoute.GET, '/api/messages?folder=INBOX', { cookie })).json()) as MessagePageDto;
    const notifySets = () => wrenCommands(USER).filter((line) => /^\S+ NOTIFY /.test(line)).length;
    try {
      await list();
      const stream = await openStream(cookie, 'INBOX');
      // IDLE starts as the stream's watch request ends; wait until the server has it.
      await expect.poll(() => wrenCommands(USER).at(-1), { timeout: 2000 }).toMatch(/^\S+ IDLE$/);
      const before = notifySets();
      stream.close();
      // A NOTIFY NONE would also silence the selected folder: NOOP would then bring no EXISTS
      // and the list would never show this message.
      const subject = `After the last tab ${Date.now()}`;
      await raw.append('INBOX', mail(subject));
      await expect.poll(async () => (await list()).messages.some((m) => m.subject === subject), { timeout: 2000 }).toBe(true);
      expect(notifySets()).toBe(before);
    } finally {
      await raw.logout().catch(() => undefined);
    }
  });
});

describe('GET /api/events with NOTIFY – INBOX is heard even when no tab shows it', () => {
  it('a tab on Work only: new Inbox mail moves the folder counts within a second and a half (not at the next 30 s refresh)', async () => {
    const cookie = await signInTabs();
    const raw = await rawImap(USER);
    const stream = await openStream(cookie, 'Work');
    try {
      const since = Date.now();
      const appended = await raw.append('INBOX', mail(`Inbox while on Work ${since}`));
      expect(appended && appended.uid).toBeGreaterThan(0);
      const status = await raw.status('INBOX', { messages: true });
      const total = status && status.messages;
      await stream.waitFor((e) => e.type === 'folders' && e.folders.some((f) => f.path === 'INBOX' && f.total === total), 1500, since);
      // The Work tab hears nothing of INBOX's rows.
      expect(stream.received.some(({ event }) => 'folder' in event && event.folder === 'INBOX')).toBe(false);
    } finally {
      stream.close();
      await raw.logout().catch(() => undefined);
    }
  });
});

describe('GET /api/events with NOTIFY – folders created, renamed and deleted elsewhere (MailboxName)', () => {
  const paths = (e: LiveEventDto) => (e.type === 'folders' ? e.folders.map((f) => f.path) : []);
  it('the counts follow within 3 s (not at the next 30 s refresh), and a tab on a folder deleted elsewhere is told to catch up, which says it is gone', async () => {
    const cookie = await signInTabs();
    const raw = await rawImap(USER);
    const stamp = Date.now();
    const [made, renamed, doomed] = [`Made${stamp}`, `Renamed${stamp}`, `Gone${stamp}`];
    await raw.mailboxCreate(doomed);
    // A tab on the folder that goes, then one on INBOX: the newest tab's folder is the one the
    // connection has selected (Dovecot would close it for deleting that one: the test above).
    const gone = await openStream(cookie, doomed);
    const inbox = await openStream(cookie, 'INBOX');
    try {
      let since = Date.now();
      await raw.mailboxCreate(made);
      await inbox.waitFor((e) => paths(e).includes(made), 3000, since);
      since = Date.now();
      await raw.mailboxRename(made, renamed);
      await inbox.waitFor((e) => paths(e).includes(renamed) && !paths(e).includes(made), 3000, since);
      since = Date.now();
      await raw.mailboxDelete(doomed);
      await gone.waitFor((e) => e.type === 'changed' && e.folder === doomed, 3000, since);
      await inbox.waitFor((e) => e.type === 'folders' && !paths(e).includes(doomed), 3000, since);
      // The catch-up that `changed` starts: the folder is gone.
      expect((await call(messagesRoute.GET, `/api/messages?folder=${doomed}`, { cookie })).status).toBe(404);
      // The tab on INBOX heard nothing of the other folders' rows.
      expect(inbox.received.some(({ event }) => 'folder' in event && event.folder !== 'INBOX')).toBe(false);
      // The counts' own LIST is not taken for a notice: its `(\NonExistent \HasChildren) Public`
      // (the public namespace's root) once set off a new count every 300 ms, each one's LIST
      // setting off the next. A second and more with nothing changing: at most the last
      // change's count comes (one or two), never four.
      const quiet = Date.now();
      await expect(inbox.waitFor(() => false, 1200)).rejects.toThrow(/no matching event/);
      expect(inbox.received.filter(({ at, event }) => at >= quiet && event.type === 'folders').length).toBeLessThanOrEqual(2);
    } finally {
      gone.close();
      inbox.close();
      await raw.mailboxDelete(renamed).catch(() => undefined);
      await raw.logout().catch(() => undefined);
    }
  });
});
