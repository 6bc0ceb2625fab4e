import type { MessageDto, MessagePageDto, MessageSummaryDto } from '../types';
import type { QueuedChange } from './worker';

/*
 * The changes Wren queues offline (#19, offline actions), as the pages see them: which requests
 * wait for the network, what the user is told they did, what the page is answered meanwhile, and
 * how the kept mail looks with them applied. Pure: unit-tested in changes.test.ts.
 */

/** The POSTs that wait for the network when it is gone; every other one fails as before. */
export const QUEUED_PATHS = ['/api/messages/flags', '/api/messages/move', '/api/messages/archive', '/api/messages/delete', '/api/messages/junk', '/api/send'];

const REMOVING = new Set(['/api/messages/move', '/api/messages/archive', '/api/messages/delete', '/api/messages/junk']);

interface SelectionBody {
  folder: string;
  uids: string;
}

export interface ChangeBody {
  ids?: string[];
  selection?: SelectionBody;
  seen?: boolean;
  flagged?: boolean;
  destination?: string;
  junk?: boolean;
  subject?: string;
}

/** Whether `uid` is in an IMAP UID set ("1:3,7", "1:*"). */
export function inUidSet(uid: number, set: string): boolean {
  return set.split(',').some((part) => {
    const [a, b = a] = part.split(':');
    const low = Number(a);
    const high = b === '*' ? Infinity : Number(b);
    return uid >= Math.min(low, high) && uid <= Math.max(low, high);
  });
}

/** Whether a change names this message. */
export function names(body: ChangeBody, message: { id: string; folder: string; uid: number }): boolean {
  if (body.ids) return body.ids.includes(message.id);
  return !!body.selection && body.selection.folder === message.folder && inUidSet(message.uid, body.selection.uids);
}

/** How many messages a change names, counted among `known` when it names a whole range. */
export function countOf(body: ChangeBody, known: MessageSummaryDto[]): number {
  if (body.ids) return body.ids.length;
  if (!body.selection) return 0;
  if (!body.selection.uids.includes(':')) return body.selection.uids.split(',').length;
  return known.filter((m) => names(body, m)).length;
}

/** What the user did, in words, for the pending list and the notices: `Star “Lunch on Friday”`. */
export function describeChange(path: string, body: ChangeBody, subjects: string[], count: number): string {
  const quoted = (text: string) => `“${text || '(no subject)'}”`;
  if (path === '/api/send') return `Send ${quoted(body.subject ?? '')}`;
  const what = count <= 1 && subjects.length === 1 ? quoted(subjects[0]) : count === 1 ? 'a message' : `${count || 'the'} messages`;
  switch (path) {
    case '/api/messages/flags':
      if (body.flagged !== undefined) return `${body.flagged ? 'Star' : 'Remove the star of'} ${what}`;
      return `Mark ${what} ${body.seen ? 'read' : 'unread'}`;
    case '/api/messages/move':
      return `Move ${what} to ${(body.destination ?? '').split('/').pop()}`;
    case '/api/messages/archive':
      return `Archive ${what}`;
    case '/api/messages/delete':
      return `Delete ${what}`;
    default:
      return `${body.junk === false ? 'Not junk:' : 'Junk:'} ${what}`;
  }
}

/** What the page is told while a change waits: what the server would answer, with nothing to undo. */
export function queuedAnswer(path: string, count: number): unknown {
  if (path === '/api/send') return { messageId: '', warnings: [], queued: true };
  if (path === '/api/messages/flags') return { updated: true };
  return { count, undo: null, queued: true };
}

function patchOf(path: string, body: ChangeBody): Partial<MessageSummaryDto> | null {
  if (path !== '/api/messages/flags') return null;
  return { ...(body.seen === undefined ? {} : { seen: body.seen }), ...(body.flagged === undefined ? {} : { flagged: body.flagged }) };
}

/** A kept first page as it is with the waiting changes done: flags changed, moved messages gone. */
export function pageWithChanges(page: MessagePageDto, changes: QueuedChange[]): MessagePageDto {
  let messages = page.messages;
  let total = page.total;
  for (const { path, body } of changes) {
    const b = body as ChangeBody;
    const patch = patchOf(path, b);
    if (patch) messages = messages.map((m) => (names(b, m) ? { ...m, ...patch } : m));
    else if (REMOVING.has(path)) {
      const left = messages.filter((m) => !names(b, m));
      total -= messages.length - left.length;
      messages = left;
    }
  }
  return { ...page, messages, total: Math.max(total, messages.length) };
}

/** A kept message as it is with the waiting flag changes done. */
export function messageWithChanges(message: MessageDto, changes: QueuedChange[]): MessageDto {
  let out = message;
  for (const { path, body } of changes) {
    const patch = patchOf(path, body as ChangeBody);
    if (patch && names(body as ChangeBody, { id: message.id, folder: message.folder, uid: uidOf(message.id) })) out = { ...out, seen: patch.seen ?? out.seen, flagged: patch.flagged ?? out.flagged };
  }
  return out;
}

/** The UID in a message id (`<uidvalidity>.<uid>.<path>`, lib/message-id.ts). */
function uidOf(id: string): number {
  return Number(id.split('.')[1]);
}
