import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { encodeMessageId } from '../../lib/message-id';
import { ImapFlow } from 'imapflow';

/** Handles on the test stack's real Dovecot: its log, its raw session logs, stop and start. */

function dir(): string {
  const value = process.env.DOVECOT_DIR;
  if (!value) throw new Error('DOVECOT_DIR is not set: start the test stack first');
  return value;
}

function control(command: 'start' | 'stop' | 'restart') {
  execFileSync('bash', [join(process.cwd(), 'scripts/dovecot.sh'), command], {
    env: { ...process.env, DOVECOT_USERS: '' },
    stdio: 'pipe',
  });
}

export const stopDovecot = () => control('stop');
export const startDovecot = () => control('start');
export const restartDovecot = () => control('restart');

/** How many times `user` has logged in to IMAP so far, from Dovecot's own log. */
export function countLogins(user: string): number {
  const text = readFileSync(join(dir(), 'dovecot.log'), 'utf8');
  return text.split('\n').filter((line) => line.includes(`imap-login: Info: Login: user=<${user}>`)).length;
}

/** How many of `user`'s IMAP sessions ended with a LOGOUT, from Dovecot's own log. */
export function countLogouts(user: string): number {
  const text = readFileSync(join(dir(), 'dovecot.log'), 'utf8');
  return text.split('\n').filter((line) => line.includes(`imap(${user})`) && line.includes('Disconnected: Logged out')).length;
}

/** Server-to-client raw logs of `user`'s IMAP sessions. */
export function rawlogs(user: string): string[] {
  const base = join(dir(), 'rawlog', user);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((f) => f.endsWith('.out'))
    .map((f) => readFileSync(join(base, f), 'latin1'));
}

/**
 * FETCH responses with headers (ENVELOPE) the server sent `user` across all sessions: the
 * messages whose headers Wren actually fetched (a FLAGS-only FETCH of rows it knows is not one).
 */
export function countHeaderFetches(user: string): number {
  return rawlogs(user).reduce((sum, log) => sum + (log.match(/^(?:\d+\.\d+ )?\* \d+ FETCH .*ENVELOPE/gm)?.length ?? 0), 0);
}

/** A raw IMAP client, to check the server's state after an action through Wren. */
export async function rawImap(user: string, pass = 'secret'): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: Number(process.env.IMAP_PORT),
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass },
    logger: false,
    disableCompression: true,
  });
  await client.connect();
  return client;
}

/** Whether message `uid` of the open mailbox has `flag`, as the server says now. */
export async function hasFlag(client: ImapFlow, uid: number, flag: string): Promise<boolean> {
  await client.noop();
  const msg = await client.fetchOne(String(uid), { flags: true }, { uid: true });
  if (!msg) throw new Error(`message ${uid} not found`);
  return msg.flags?.has(flag) ?? false;
}

/** A folder's unread count, as the server says now. */
export async function unseenCount(client: ImapFlow, path: string): Promise<number> {
  const status = await client.status(path, { unseen: true });
  if (!status || status.unseen === undefined) throw new Error(`no STATUS for ${path}`);
  return status.unseen;
}

/** The names of `user`'s client-to-server raw logs so far: pass them to wrenCommands to leave those sessions out. */
export function rawlogSessions(user: string): Set<string> {
  const base = join(dir(), 'rawlog', user);
  return new Set(existsSync(base) ? readdirSync(base).filter((f) => f.endsWith('.in')) : []);
}

/**
 * `user`'s client-to-server raw logs (one per IMAP connection), except those named in `skip`,
 * oldest first, each line with its timestamp. Ordered by time: the files' names (second, process
 * id, counter) do not tell, nor does the directory: an imap process serves several sessions in
 * turn (scripts/dovecot.sh), so a later connection can have a lower id.
 */
export function commandLogs(user: string, skip: Set<string> = new Set()): { at: number; text: string }[][] {
  const base = join(dir(), 'rawlog', user);
  if (!existsSync(base)) return [];
  const logs = readdirSync(base)
    .filter((f) => f.endsWith('.in') && !skip.has(f))
    .map((f) => {
      let at = 0;
      return readFileSync(join(base, f), 'latin1')
        .split('\n')
        .map((line) => {
          const stamp = /^(\d+\.\d+) /.exec(line);
          if (stamp) at = Number(stamp[1]);
          return { at, text: line.replace(/^\d+\.\d+ /, '').trim() };
        })
        .filter((line) => line.text);
    });
  return logs.sort((a, b) => (a[0]?.at ?? 0) - (b[0]?.at ?? 0));
}

/** commandLogs of the connections Wren made (they said ID "Wren"), not a test's own clients. */
export function wrenCommandLogs(user: string, skip: Set<string> = new Set()): { at: number; text: string }[][] {
  return commandLogs(user, skip).filter((log) => log.some((line) => line.text.includes('ID ("name" "Wren"')));
}

/**
 * Commands Wren sent for `user` (the connections that said ID "Wren"), except in the sessions
 * named in `before` (rawlogSessions: those of earlier runs and files), in the order the server got
 * them across connections, by their timestamps.
 */
export function wrenCommands(user: string, before: Set<string> = new Set()): string[] {
  return wrenCommandLogs(user, before)
    .flat()
    // Array.prototype.sort is stable: a connection's lines of one instant keep their order.
    .sort((a, b) => a.at - b.at)
    .map((line) => line.text);
}

/**
 * What another device does while a browser is away, in `folder` seeded with "Gap one" and "Gap
 * two": marks "Gap one" read, expunges "Gap two" and APPENDs `arrival`.
 */
export async function changeWhileAway(client: ImapFlow, folder: string, arrival: string): Promise<void> {
  const [[one], [two]] = [await uidsWithSubject(client, folder, 'Gap one'), await uidsWithSubject(client, folder, 'Gap two')];
  const lock = await client.getMailboxLock(folder);
  try {
    await client.messageFlagsAdd(String(one), ['\\Seen'], { uid: true });
    await client.messageDelete(String(two), { uid: true });
  } finally {
    lock.release();
  }
  await client.append(folder, arrival);
}

/** UIDs in `folder` whose subject contains `subject`, as the server says right now (no waiting). */
export async function uidsWithSubject(client: ImapFlow, folder: string, subject: string): Promise<number[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    await client.noop();
    return (await client.search({ subject }, { uid: true })) || [];
  } finally {
    lock.release();
  }
}

/**
 * A plain socket session with the Dovecot on `port` (the test Dovecot unless said): LOGIN as
 * `user`, the `commands` (tagged c0, c1...; a literal needs LITERAL+, `{n+}`), LOGOUT. Answers
 * everything the server sent, for checks that must not go through imapflow or Wren's code.
 */
export async function rawImapSession(user: string, commands: string[], port = Number(process.env.IMAP_PORT)): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    const lines = [`a LOGIN ${user} secret`, ...commands.map((c, i) => `c${i} ${c}`), 'z LOGOUT'];
    socket.write(lines.map((l) => `${l}\r\n`).join(''));
  });
}

/**
 * The value of server METADATA entry `entry` of `user`, read over a plain socket (not through
 * Wren): null when it is not set.
 */
export async function serverMetadataEntry(user: string, entry: string): Promise<string | null> {
  const out = await rawImapSession(user, [`GETMETADATA "" (${entry})`]);
  if (!/^c0 OK/m.test(out)) throw new Error(`GETMETADATA failed: ${out}`);
  const literal = out.match(new RegExp(`^\\* METADATA "" \\(${entry} \\{(\\d+)\\}\\r\\n`, 'm'));
  if (literal) {
    const start = Buffer.from(out.slice(0, literal.index! + literal[0].length), 'utf8').length;
    return Buffer.from(out, 'utf8').subarray(start, start + Number(literal[1])).toString('utf8');
  }
  const quoted = out.match(new RegExp(`^\\* METADATA "" \\(${entry} "((?:[^"\\\\]|\\\\.)*)"\\)`, 'm'));
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
  return null;
}

/**
 * The settings entry of a user whose specs were written before conversations and Send's undo
 * window (#21): their list stays one row per message (the seeded "Plain hello", its reply in Sent
 * and Olivia's answer are a conversation), and Send sends at once. Both are on by default;
 * e2e/browser/conversations.spec.ts's theo keeps the defaults, scheduler.spec.ts sets the window.
 */
export const MESSAGE_ROWS_SETTINGS = '{"ui":{"conversations":false,"undoSendSeconds":0}}';

/** Stores MESSAGE_ROWS_SETTINGS as `user`'s settings (replacing what was saved), over raw IMAP. */
export async function resetToMessageRows(user: string): Promise<void> {
  const value = MESSAGE_ROWS_SETTINGS.replace(/["\\]/g, (c) => `\\${c}`);
  const answer = await rawImapSession(user, [`SETMETADATA "" (/private/vendor/wren/settings "${value}")`]);
  if (!/^c0 OK/m.test(answer)) throw new Error(`SETMETADATA for ${user} failed: ${answer}`);
}

/** Sets the UIDVALIDITY of `user`'s `folder` (doveadm on the test Dovecot's configuration). */
export function setUidValidity(user: string, folder: string, uidValidity: string): void {
  execFileSync('doveadm', ['-c', join(dir(), 'dovecot.conf'), 'mailbox', 'update', '-u', user, '--uid-validity', uidValidity, folder], { stdio: 'pipe' });
}

/** APPENDs `raw` to `folder` with `client` and answers Wren's id of the new message (from APPENDUID). */
export async function appendForId(client: ImapFlow, folder: string, raw: string | Buffer): Promise<string> {
  const appended = await client.append(folder, raw);
  if (!appended || !appended.uid || appended.uidValidity === undefined) throw new Error('no APPENDUID');
  return encodeMessageId({ path: folder, uidValidity: appended.uidValidity.toString(), uid: appended.uid });
}

/** appendForId on a connection of `user`'s own, logged out after. */
export async function appendAs(user: string, folder: string, raw: string | Buffer): Promise<string> {
  const client = await rawImap(user);
  try {
    return await appendForId(client, folder, raw);
  } finally {
    await client.logout();
  }
}
