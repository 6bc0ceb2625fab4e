import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import type { Selection } from '@/lib/schemas';
import { toUidSet } from '@/lib/selection';
import { rawImap, wrenCommands } from '../support/dovecot';
import { call, cookieFrom } from './call';

/** Fixtures of the organize suite (move*.test.ts): its own Dovecots, user, folders and mail. */

export const USER = 'mover';

/**
 * Points this test file at one of the organize Dovecots of the test stack (MOVE_SERVER_*,
 * NOMOVE_SERVER_*, NOUIDPLUS_SERVER_*). Called at the top of a test file: the server reads
 * IMAP_PORT on the first request and caches it, and vitest runs each file in its own process.
 */
export function setOrganizeServer(prefix: 'MOVE' | 'NOMOVE' | 'NOUIDPLUS') {
  const port = process.env[`${prefix}_SERVER_PORT`];
  const dir = process.env[`${prefix}_SERVER_DIR`];
  if (!port || !dir) throw new Error(`${prefix}_SERVER_PORT is not set: restart the test stack (scripts/test-stack.sh start)`);
  process.env.IMAP_PORT = port;
  process.env.DOVECOT_PORT = port;
  process.env.DOVECOT_DIR = dir;
}

export async function signIn(): Promise<string> {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: USER, password: 'secret' } });
  expect(res.status).toBe(200);
  return cookieFrom(res);
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>;

/** POSTs JSON to a route handler as the browser would; answers status and parsed body. */
export async function post(handler: Handler, path: string, body: unknown, opts: { cookie: string; origin?: null }) {
  const res = await call(handler, path, { method: 'POST', body, ...opts });
  return { status: res.status, body: await res.json() };
}

export interface Made {
  path: string;
  selection: (indexes?: number[]) => Selection;
  ids: string[];
}

function message(id: string, subject: string): string {
  const headers = [`From: Organize Test <test@organize.test>`, `To: ${USER}@organize.test`, `Subject: ${subject}`, `Message-ID: ${id}`];
  return `${headers.join('\r\n')}\r\nDate: ${new Date().toUTCString()}\r\n\r\n${subject}: a message to move around.\r\n`;
}

/** Appends `count` messages with fresh Message-IDs to `path` (created when missing). */
export async function appendMessages(client: ImapFlow, path: string, count: number, flags: string[][] = []) {
  await client.mailboxCreate(path).catch(() => undefined);
  const ids: string[] = [];
  const uids: number[] = [];
  let uidValidity = '';
  for (let i = 0; i < count; i++) {
    const id = `<${randomUUID()}@organize.test>`;
    const appended = await client.append(path, message(id, `Organize ${i + 1}`), flags[i] ?? []);
    if (!appended || !appended.uid) throw new Error(`APPEND to ${path} gave no APPENDUID`);
    ids.push(id);
    uids.push(appended.uid);
    uidValidity = String(appended.uidValidity);
  }
  return { ids, uids, uidValidity };
}

/** A new folder with `count` messages; `selection([0, 2])` names some of them for the API. */
export async function makeFolder(client: ImapFlow, count: number, flags: string[][] = []): Promise<Made> {
  const path = `T-${randomUUID().slice(0, 8)}`;
  const { ids, uids, uidValidity } = await appendMessages(client, path, count, flags);
  return {
    path,
    ids,
    selection: (indexes = uids.map((_, i) => i)) => ({ folder: path, uidValidity, uids: toUidSet(indexes.map((i) => uids[i])) }),
  };
}

export interface Stored {
  id: string;
  uid: number;
  flags: string[];
}

/** What `path` holds now, as the server says: Message-ID, UID and flags, in UID order. */
export async function contents(client: ImapFlow, path: string): Promise<Stored[]> {
  const lock = await client.getMailboxLock(path);
  try {
    await client.noop();
    if (!client.mailbox || !client.mailbox.exists) return [];
    const messages = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
    return messages
      // \Recent belongs to the session that saw the message first, not to the message.
      .map((m) => ({ id: m.envelope?.messageId ?? '', uid: m.uid, flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort() }))
      .sort((a, b) => a.uid - b.uid);
  } finally {
    lock.release();
  }
}

export async function idsIn(client: ImapFlow, path: string): Promise<string[]> {
  return (await contents(client, path)).map((m) => m.id);
}

async function statusOf(client: ImapFlow, path: string) {
  const status = await client.status(path, { uidValidity: true, messages: true });
  if (!status) throw new Error(`no STATUS for ${path}`);
  return status;
}

export const uidValidityOf = async (client: ImapFlow, path: string) => String((await statusOf(client, path)).uidValidity);
export const countIn = async (client: ImapFlow, path: string) => (await statusOf(client, path)).messages;

/** How many commands matching `pattern` Wren has sent this user so far (Dovecot's raw log). */
export function countCommands(pattern: RegExp): number {
  return wrenCommands(USER).filter((line) => pattern.test(line)).length;
}

export const UID_MOVE = /^\S+ UID MOVE /;
export const ANY_MOVE = /^\S+ (UID )?MOVE /;
export const UID_COPY = /^\S+ UID COPY /;
export const UID_STORE_DELETED = /^\S+ UID STORE \S+ \+FLAGS(\.SILENT)? \(\\Deleted\)/;
export const UID_EXPUNGE = /^\S+ UID EXPUNGE /;

export { rawImap };

/**
 * One suite's signed-in session and raw client, handed over through `use` once connected;
 * every folder made through the returned `made` is deleted after the suite.
 */
export function scratchAccount(use: (client: ImapFlow, cookie: string) => void) {
  let client: ImapFlow | null = null;
  const folders: string[] = [];
  beforeAll(async () => {
    const cookie = await signIn();
    client = await rawImap(USER);
    use(client, cookie);
  });
  afterAll(async () => {
    if (!client) return;
    for (const path of folders) await client.mailboxDelete(path).catch(() => undefined);
    await client.logout();
  });
  return async (count: number, flags: string[][] = []) => {
    const folder = await makeFolder(client!, count, flags);
    folders.push(folder.path);
    return folder;
  };
}
