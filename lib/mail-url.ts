import { decodeMessageId, isValidFolderPath } from './message-id';

/**
 * Every view of the mail page is a URL, so Back, Forward, reload, bookmarks and new tabs work:
 *
 *   /mail                               the Inbox (phones: its list)
 *   /mail/Work/Projects                 a folder: its path, split where it has a '/', each part encoded
 *   /mail/Work/Projects/<message id>    a message open in that folder (the id names its folder;
 *                                       a result of a search in all folders, any folder's)
 *   ?q=from:ann&scope=all               a search, in the folder or in all folders (scope=shared: and
 *                                       other users' and public folders too)
 *   ?compose=new | reply:<id> | all:<id> | forward:<id> | draft:<id>
 *   ?compose=new&mailto=<mailto: link>  a new message from a mailto: link (the protocol handler
 *                                       of lib/pwa/install.ts), read by the composer with
 *                                       mailtoOfUrl (lib/mailto.ts, out of the mail view's code);
 *                                       never written back: the views opened next drop it
 *   ?folders                            the folder list over the view (phones and tablets)
 *
 * The last segment is a message id only when it decodes to an id of the folder the segments
 * before it name, so a folder can never be mistaken for a message. Pure: shared by the page on
 * the server and the mail view in the browser.
 */
export type SearchScope = 'folder' | 'all' | 'shared';

export type ComposeIntent =
  | { kind: 'new' }
  | { kind: 'reply'; id: string; mode: 'reply' | 'all' | 'forward' }
  | { kind: 'draft'; id: string };

export interface MailView {
  folder: string;
  /** The open message, or null. */
  id: string | null;
  q: string;
  scope: SearchScope;
  compose: ComposeIntent | null;
  /** The folder list is shown over the view (a phone's folder screen, a tablet's drawer). */
  folders: boolean;
}

export const INBOX_VIEW: MailView = { folder: 'INBOX', id: null, q: '', scope: 'folder', compose: null, folders: false };

const MAX_QUERY = 1000;
const REPLY_MODES = { reply: 'reply', all: 'all', forward: 'forward' } as const;

export function composeToken(intent: ComposeIntent): string {
  if (intent.kind === 'new') return 'new';
  if (intent.kind === 'draft') return `draft:${intent.id}`;
  return `${intent.mode}:${intent.id}`;
}

export function parseComposeToken(token: string | null): ComposeIntent | null {
  if (token === null) return null;
  if (token === 'new') return { kind: 'new' };
  const colon = token.indexOf(':');
  const head = token.slice(0, colon);
  const id = token.slice(colon + 1);
  if (colon < 0 || !decodeMessageId(id)) return null;
  if (head === 'draft') return { kind: 'draft', id };
  const mode = REPLY_MODES[head as keyof typeof REPLY_MODES];
  return mode ? { kind: 'reply', id, mode } : null;
}

/** The path and query of a view. */
export function mailUrl(view: MailView): string {
  const isInbox = view.folder === 'INBOX' && !view.id;
  const path = isInbox && !view.q && !view.folders && !view.compose ? '/mail' : `/mail/${view.folder.split('/').map(encodeURIComponent).join('/')}`;
  const params = new URLSearchParams();
  if (view.q) {
    params.set('q', view.q);
    if (view.scope !== 'folder') params.set('scope', view.scope);
  }
  if (view.compose) params.set('compose', composeToken(view.compose));
  const query = params.toString().replace(/%3A/gi, ':');
  const flags = view.folders ? (query ? '&folders' : 'folders') : '';
  const search = query || flags ? `?${query}${flags}` : '';
  return `${path}${view.id ? `/${view.id}` : ''}${search}`;
}

/**
 * The view a URL names, from the path's segments after /mail (still percent-encoded, as in the
 * address bar) and its query. Anything malformed falls back to the Inbox, never to an error page.
 */
export function parseMailUrl(segments: readonly string[], search: URLSearchParams): MailView {
  let parts: string[];
  try {
    parts = segments.map((s) => decodeURIComponent(s));
  } catch {
    return INBOX_VIEW;
  }
  const q = (search.get('q') ?? '').slice(0, MAX_QUERY);
  const asked = search.get('scope');
  const scope: SearchScope = q && (asked === 'all' || asked === 'shared') ? asked : 'folder';
  let id: string | null = null;
  const last = parts.at(-1);
  // A result of a search in all folders opens where the search was made, whatever its folder.
  const idPath = last ? decodeMessageId(last)?.path : undefined;
  if (parts.length > 1 && idPath && (scope !== 'folder' || idPath === parts.slice(0, -1).join('/'))) {
    id = last ?? null;
    parts = parts.slice(0, -1);
  }
  const folder = parts.length ? parts.join('/') : 'INBOX';
  if (!isValidFolderPath(folder)) return INBOX_VIEW;
  return {
    folder,
    id,
    q,
    scope,
    compose: parseComposeToken(search.get('compose')),
    folders: search.has('folders'),
  };
}

/** Where sign-in may send the user afterwards: only a path of the mail view or the settings on this origin. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 4000 || !/^\/(?:mail|settings)(?:[/?]|$)/.test(next) || /[\\\r\n]/.test(next)) return '/mail';
  return next;
}

