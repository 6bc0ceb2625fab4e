import 'server-only';
import type { ImapFlow } from 'imapflow';
import { decodePath, encodePath } from 'imapflow/lib/tools.js';

/**
 * IMAP NOTIFY (RFC 5465): one connection hears of changes in several folders. imapflow 2.x has
 * no NOTIFY method, so the command goes through its exec(), which every imapflow command is
 * built on, and the untagged STATUS replies are parsed here.
 *
 * What Dovecot 2.3.19 really sends (checked with a raw client against the test Dovecot, with
 * QRESYNC enabled, INBOX selected, and `NOTIFY SET STATUS (SELECTED (MessageNew MessageExpunge
 * FlagChange)) (MAILBOXES (Work "Sent Messages") (MessageNew MessageExpunge FlagChange))`):
 *
 *   * STATUS Work (MESSAGES 0 UIDNEXT 1 UIDVALIDITY 1796137681 UNSEEN 0 HIGHESTMODSEQ 1)
 *   * STATUS "Sent Messages" (MESSAGES 0 UIDNEXT 1 UIDVALIDITY 1796137683 UNSEEN 0 HIGHESTMODSEQ 1)
 *   d OK NOTIFY completed           <- STATUS asked for: the state of every non-selected one first
 *   ... another client APPENDs to INBOX, Work and Sent Messages ...
 *   * STATUS Work (MESSAGES 1 UIDNEXT 2 UNSEEN 1 HIGHESTMODSEQ 2)       <- UIDVALIDITY may be left out
 *   * STATUS "Sent Messages" (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 1796137683 UNSEEN 1 HIGHESTMODSEQ 2)
 *   f IDLE / + idling
 *   * 2 EXISTS / * 2 RECENT / * OK [HIGHESTMODSEQ 3] Highest             <- the selected folder, as with IDLE
 *   * STATUS Work (MESSAGES 1 UIDNEXT 3 UNSEEN 1 HIGHESTMODSEQ 6)       <- an append, a flag and an expunge, in one
 *
 * - STATUS for non-selected folders comes about 0.5 s after the change, inside IDLE or between
 *   commands, even with no command running; Dovecot sends nothing about the selected folder
 *   that way: its changes come as EXISTS, VANISHED and FETCH, during IDLE (or a command).
 * - Several changes in a row can come as one STATUS. HIGHESTMODSEQ (CONDSTORE is on) moves with
 *   every append, expunge and flag change, so it alone says "something changed".
 * - Changes to a folder while it is selected and not yet reported are dropped by Dovecot when
 *   another folder is selected: a STATUS of the folder left tells (checkLeftFolders).
 * - NOTIFY is set once per connection, for all the user's own folders (PERSONAL) and the public
 *   ones (SUBTREE of each public namespace), never again: Dovecot drops changes made within
 *   about a second of a repeated NOTIFY SET. Checked with a raw client on the test Dovecot, a
 *   NOTIFY SET repeated (other folders, or the same ones in another order) before each APPEND
 *   to INBOX: after every other repeat, an APPEND up to 0.7 s later never got its STATUS; after
 *   a first SET on a fresh connection, none was missed. So a tab that opens another folder
 *   changes nothing on the server: the folder is already heard.
 * - Dovecot 2.3 announces NOTIFY only with `mailbox_list_index = yes` (scripts/dovecot.sh).
 * - MailboxName (asked for the user's own and the public folders; RFC 5465 does not allow it for
 *   SELECTED) makes Dovecot send a LIST when a folder is created, deleted or renamed elsewhere,
 *   0.5-1.5 s later, inside IDLE or between commands (checked with a raw client):
 *
 *     * LIST (\NonExistent) "/" ProbeY                    <- ProbeY deleted
 *     * LIST () "/" ProbeW ("OLDNAME" (ProbeZ))           <- ProbeZ renamed to ProbeW
 *     * LIST () "/" Drafts                                <- created (Dovecot also says so of
 *                                                            folders it autocreates, now and then)
 *
 *   Deleting the folder a connection has selected gets that connection `* BYE IMAP session
 *   state is inconsistent` instead, with or without NOTIFY (the pool reconnects; live.ts resyncs).
 *   A LIST notice that comes while a LIST command runs would be taken for one of its folders:
 *   see teeNotices.
 */

export interface FolderStatus {
  path: string;
  messages?: number;
  uidNext?: number;
  uidValidity?: string;
  highestModseq?: string;
}

type Attribute = { type?: string; value?: unknown } | Attribute[];
interface Untagged {
  attributes?: Attribute[];
}
type UntaggedHandler = (untagged: Untagged) => Promise<void> | void;
interface ExecClient {
  exec(command: string, attributes: unknown[], options?: { untagged?: Record<string, UntaggedHandler> }): Promise<{ next(): void }>;
  /** imapflow's handlers for untagged responses no command asked for (CAPABILITY, EXISTS...). */
  untaggedHandlers: Record<string, UntaggedHandler | null | undefined>;
}

interface NotifyState {
  /** The folders the session's tabs show (and INBOX): the ones checkLeftFolders asks about. */
  watched: string[];
  onStatus: (status: FolderStatus, answer: boolean) => void;
  /** A folder created, deleted or renamed elsewhere (MailboxName): its name, and the old one. */
  onName: (path: string) => void;
  /** Watched folders that were selected and left since the last check (see checkLeftFolders). */
  left: Set<string>;
}

const states = new WeakMap<ImapFlow, NotifyState>();
const teed = new WeakSet<ImapFlow>();

const atoms = (...values: string[]) => values.map((value) => ({ type: 'ATOM', value }));
const EVENTS = atoms('MessageNew', 'MessageExpunge', 'FlagChange');
const FOLDER_EVENTS = [...EVENTS, ...atoms('MailboxName')];
const STATUS_KEYS: Record<string, keyof Omit<FolderStatus, 'path'>> = {
  MESSAGES: 'messages',
  UIDNEXT: 'uidNext',
  UIDVALIDITY: 'uidValidity',
  HIGHESTMODSEQ: 'highestModseq',
};

export const supportsNotify = (client: ImapFlow) => client.capabilities.has('NOTIFY');

/** Whether NOTIFY is set on this connection. */
export const isNotifying = (client: ImapFlow) => states.has(client);

/** Records the folders the session's tabs show, for checkLeftFolders (NOTIFY hears them all already). */
export function setWatchedFolders(client: ImapFlow, paths: string[]) {
  const state = states.get(client);
  if (state) state.watched = paths;
}

/**
 * imapflow's own commands break IDLE first (its run() awaits `preCheck`, which sends DONE);
 * exec() does not, and a command sent under IDLE would wait behind it for good.
 */
export async function breakIdle(client: ImapFlow) {
  const preCheck = (client as unknown as { preCheck?: (() => Promise<void>) | false }).preCheck;
  if (typeof preCheck === 'function') await preCheck();
}

const deliver = (client: ImapFlow, status: FolderStatus | null, answer: boolean) => {
  const state = states.get(client);
  if (status && state) state.onStatus(status, answer);
};

const deliverNames = (client: ImapFlow, paths: string[]) => {
  const state = states.get(client);
  if (state) for (const path of paths) state.onName(path);
};

/** How much a LIST says of its folder: of two about one folder in one LIST command, the command's says more. */
const detail = (untagged: Untagged) => {
  const [flags, , , extended] = untagged.attributes ?? [];
  return (Array.isArray(flags) ? flags.length : 0) + (Array.isArray(extended) ? extended.length : 0);
};

/**
 * A notification can come while a command of imapflow's own that asks for STATUS or LIST runs
 * (the folder counts' LIST-STATUS, a STATUS), and that command's handler would take it and drop
 * it, mix it into its answer, or (LIST) list a deleted folder or one folder twice. So such
 * commands get a handler in front:
 * - STATUS: one with HIGHESTMODSEQ, which Wren's LIST-STATUS never asks for, or of another
 *   folder than a STATUS command's, is passed on as a notification too;
 * - LIST: one of a deleted (`(\NonExistent)` alone: the command's own answer has it only with
 *   \HasChildren, for a namespace root such as Public) or renamed (OLDNAME) folder is a
 *   notification only; the folders are handed to the command's handler
 *   when it completes, so that of two about one folder (a created folder's notice and the
 *   command's own line, in either order) the command gets the one that says more, and the
 *   folder is passed on as a notification.
 */
function teeNotices(client: ImapFlow) {
  if (teed.has(client)) return;
  teed.add(client);
  const exec = client as unknown as ExecClient;
  const original = exec.exec.bind(client);
  exec.exec = (command, attributes, options) => {
    const name = command.toUpperCase();
    const innerList = options?.untagged?.LIST;
    if (innerList && name === 'LIST') return teeList(client, original, attributes, { ...options }, innerList);
    const inner = options?.untagged?.STATUS;
    if (!inner || name === 'NOTIFY') return original(command, attributes, options);
    const asked = name === 'STATUS' ? attributes[0] : null;
    const askedPath = asked && typeof asked === 'object' && 'value' in asked ? decodePath(client, String(asked.value)) : null;
    const STATUS: UntaggedHandler = async (untagged) => {
      const status = parseStatusResponse(client, untagged);
      const notice = !!status && status.highestModseq !== undefined && (askedPath === null || status.path !== askedPath);
      if (notice) deliver(client, status, false);
      if (!notice || askedPath === null) await inner(untagged);
    };
    return original(command, attributes, { ...options, untagged: { ...options?.untagged, STATUS } });
  };
  // Dovecot drops what it had not yet said about a folder that is left (another one selected).
  client.on('mailboxClose', (mailbox: { path: string }) => states.get(client)?.left.add(mailbox.path));
}

/** A LIST command run with notices taken out (see teeNotices). */
async function teeList(
  client: ImapFlow,
  original: ExecClient['exec'],
  attributes: unknown[],
  options: { untagged?: Record<string, UntaggedHandler> },
  inner: UntaggedHandler,
) {
  const held = new Map<string, Untagged>();
  const LIST: UntaggedHandler = (untagged) => {
    const named = parseListNotice(client, untagged);
    if (!named) return inner(untagged);
    if (named.notice) return deliverNames(client, named.paths);
    const path = named.paths[0];
    const kept = held.get(path);
    if (kept) deliverNames(client, [path]);
    if (!kept || detail(untagged) > detail(kept)) held.set(path, untagged);
  };
  const response = await original('LIST', attributes, { ...options, untagged: { ...options.untagged, LIST } });
  for (const untagged of held.values()) await inner(untagged);
  return response;
}

/**
 * The folders a `* LIST (<flags>) <delimiter> <name> [(<extended data>)]` names: its own, and
 * the old name of a rename (OLDNAME). `notice` is true where only a NOTIFY notice says so: a
 * folder deleted (no attribute but \NonExistent) or renamed. Null when it is not a LIST with a name.
 */
export function parseListNotice(client: ImapFlow, untagged: Untagged): { paths: string[]; notice: boolean } | null {
  const [flags, , name, extended] = untagged.attributes ?? [];
  // A name can come as a literal (a Buffer).
  if (!name || Array.isArray(name) || (typeof name.value !== 'string' && !Buffer.isBuffer(name.value))) return null;
  const paths = [decodePath(client, String(name.value))];
  // Exactly (\NonExistent): a LIST command's own answer can hold \NonExistent too, with
  // \HasChildren (`* LIST (\NonExistent \HasChildren) "/" Public`, the root of a namespace).
  const deleted = Array.isArray(flags) && flags.length === 1 && !Array.isArray(flags[0]) && String(flags[0].value).toUpperCase() === '\\NONEXISTENT';
  let renamed = false;
  if (Array.isArray(extended)) {
    for (let i = 0; i + 1 < extended.length; i += 2) {
      const [key, value] = [extended[i], extended[i + 1]];
      const old = Array.isArray(value) ? value[0] : null;
      if (Array.isArray(key) || String(key.value).toUpperCase() !== 'OLDNAME' || !old || Array.isArray(old) || typeof old.value !== 'string') continue;
      paths.push(decodePath(client, old.value));
      renamed = true;
    }
  }
  return { paths, notice: deleted || renamed };
}

/** `* STATUS <mailbox> (<item> <value> ...)` as a FolderStatus; null when it is not one. */
export function parseStatusResponse(client: ImapFlow, untagged: Untagged): FolderStatus | null {
  const [name, list] = untagged.attributes ?? [];
  if (!name || Array.isArray(name) || typeof name.value !== 'string' || !Array.isArray(list)) return null;
  const status: FolderStatus = { path: decodePath(client, name.value) };
  for (let i = 0; i + 1 < list.length; i += 2) {
    const key = list[i];
    const value = list[i + 1];
    if (Array.isArray(key) || Array.isArray(value) || typeof key.value !== 'string') continue;
    const field = STATUS_KEYS[key.value.toUpperCase()];
    const text = String(value.value);
    if (!field || !/^\d+$/.test(text)) continue;
    if (field === 'messages' || field === 'uidNext') status[field] = Number(text);
    else status[field] = text;
  }
  return status;
}

/** The roots of the public namespaces (`Public` for `Public/`), for NOTIFY's SUBTREE. */
function publicRoots(client: ImapFlow): string[] {
  const roots: string[] = [];
  for (const ns of client.namespaces?.shared || []) {
    const root = ns.delimiter && ns.prefix?.endsWith(ns.delimiter) ? ns.prefix.slice(0, -ns.delimiter.length) : ns.prefix;
    if (root) roots.push(root);
  }
  return roots;
}

/**
 * Sets NOTIFY on this connection (events of the selected folder as usual, STATUS of the user's
 * own and the public folders) and calls `onStatus` with every STATUS the server sends from now
 * on: `answer` is true for the ones answering this command (the state now, not a change). Once
 * per connection (see above). Other users' folders are left out: Dovecot sends no STATUS for
 * them (server/imap/watch.ts).
 */
export async function setNotify(
  client: ImapFlow,
  onStatus: (status: FolderStatus, answer: boolean) => void,
  onName: (path: string) => void,
): Promise<void> {
  const exec = client as unknown as ExecClient;
  teeNotices(client);
  // STATUS and LIST that no command asked for are dropped by imapflow: these handlers take them.
  exec.untaggedHandlers.STATUS = (untagged) => deliver(client, parseStatusResponse(client, untagged), false);
  exec.untaggedHandlers.LIST = (untagged) => deliverNames(client, parseListNotice(client, untagged)?.paths ?? []);
  const roots = publicRoots(client);
  const attributes = [
    { type: 'ATOM', value: 'SET' },
    { type: 'ATOM', value: 'STATUS' },
    [{ type: 'ATOM', value: 'SELECTED' }, EVENTS],
    [{ type: 'ATOM', value: 'PERSONAL' }, FOLDER_EVENTS],
    ...(roots.length ? [[{ type: 'ATOM', value: 'SUBTREE' }, roots.map((root) => ({ type: 'STRING', value: encodePath(client, root) })), FOLDER_EVENTS]] : []),
  ];
  states.set(client, { watched: [], onStatus, onName, left: new Set() });
  try {
    await breakIdle(client);
    const response = await exec.exec('NOTIFY', attributes, {
      untagged: { STATUS: (untagged) => deliver(client, parseStatusResponse(client, untagged), true) },
    });
    response.next();
  } catch (error) {
    states.delete(client);
    throw error;
  }
}

/**
 * Asks STATUS of the watched folders that were selected and left since the last call (none
 * is the one selected now): what Dovecot did not say about them before they were left shows
 * as a HIGHESTMODSEQ other than the one they were left with (server/imap/folder-marks.ts).
 */
export async function checkLeftFolders(client: ImapFlow): Promise<void> {
  const state = states.get(client);
  if (!state || !state.left.size) return;
  const selected = client.mailbox ? client.mailbox.path : null;
  const paths = [...state.left].filter((path) => path !== selected && state.watched.includes(path));
  state.left.clear();
  const exec = client as unknown as ExecClient;
  for (const path of paths) {
    await breakIdle(client);
    const items = ['MESSAGES', 'UIDNEXT', 'HIGHESTMODSEQ'].map((value) => ({ type: 'ATOM', value }));
    const response = await exec.exec('STATUS', [{ type: 'STRING', value: encodePath(client, path) }, items], {
      untagged: { STATUS: (untagged) => deliver(client, parseStatusResponse(client, untagged), true) },
    });
    response.next();
  }
}
