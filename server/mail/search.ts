import 'server-only';
import type { ImapFlow, MailboxObject, SearchObject } from 'imapflow';
import type { ListQuery, SearchAllQuery, SearchResume } from '@/lib/schemas';
import { SEARCH_ALL_LIMIT } from '@/lib/limits';
import { parseQuery } from '@/lib/search-query';
import { expandUidSet } from '@/lib/selection';
import type { MessagePageDto, SearchEventDto } from '@/lib/types';
import { AppError } from '../errors';
import { withClient, withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { pageOfUids } from './rows/fetch-rows';
import { sortFolders, toFolderDtos } from './dto/mappers';
import { compileQuery } from './search/compiler';
import { cachedUids, cacheUids } from './search/result-cache';
import { addToResultSet, openResultSet, pinnedFolder, pinResultSet, shareResultSet, tokenFor, type PinnedFolder } from './search/result-sets';
import { beginSearch } from './search/runs';
import { makeUidNextCurrent } from './search/uid-next';

/*
 * Searches run on the session's second IMAP connection (the 'search' lane of server/imap/pool.ts), so the
 * same user's list, open and flag requests never queue behind a slow body search. A newer
 * search cancels the one before (search/runs.ts).
 */

/** The query compiled to imapflow's search object, or a 400 that says what and where. */
export function searchObjectOrThrow(q: string): SearchObject {
  const parsed = parseQuery(q);
  if (!parsed.ok) {
    const { code, values, position } = parsed.error;
    throw new AppError('invalid_input', { key: 'searchSyntax', values: { position: position + 1 }, detail: { key: `mail.search.query.${code}`, values } });
  }
  return compileQuery(parsed.ast, new Date());
}

/**
 * The UIDs matching `search` in the selected folder, newest first. With ESEARCH the answer is
 * a compact UID set ("1:9000,9002") rather than every number spelled out. Servers without
 * UIDPLUS keep moved originals flagged \Deleted (see access/transfer.ts), so those are left out.
 */
async function searchUids(client: ImapFlow, mailbox: MailboxObject, search: SearchObject): Promise<number[]> {
  const query = client.capabilities.has('UIDPLUS') ? search : { ...search, deleted: false };
  if (client.capabilities.has('ESEARCH')) {
    const result = await client.search(query, { uid: true, returnOptions: ['ALL', 'COUNT'] });
    if (result === false) throw new AppError('bad_request', { key: 'theMailServerRefusedThis' });
    if (Array.isArray(result)) return result.sort((a, b) => b - a);
    return result?.all ? expandUidSet(result.all, mailbox.exists) : [];
  }
  const result = await client.search(query, { uid: true });
  if (result === false) throw new AppError('bad_request', { key: 'theMailServerRefusedThis' });
  return (result || []).sort((a, b) => b - a);
}

/**
 * Readies the session's search lane for a search in `folder` (the browser asks when the search
 * box gets focus, while the user types): its connection opened (a Dovecot process started,
 * LOGIN) and the folder selected (the new process reads the folder's index: the larger the folder,
 * the longer). A session's first search waited for both, 50-100 ms on 10,000 messages and about
 * 200 ms on 100,000 (docs/PERFORMANCE.md); readied, it costs what a later one does. Cheap when the
 * lane is ready (a NOOP and one FETCH of the newest UID), and nothing is searched.
 */
export async function prepareSearch(session: Session, folder: string): Promise<void> {
  // The search's own first step too (searchFolder's FETCH of the newest UID): a new Dovecot
  // process's first FETCH costs some 8 ms more than the next ones.
  await withMailbox(session, folder, (client, mailbox) => makeUidNextCurrent(client, mailbox), { lane: 'search' });
}

/**
 * One window of a folder's search results (`query.q`), newest first. The matching UIDs are
 * kept for a minute (search/result-cache.ts), so the next pages cost one FETCH of headers each.
 */
export async function searchFolder(session: Session, query: ListQuery & { q: string }, requestSignal?: AbortSignal): Promise<MessagePageDto> {
  // A query that does not parse is refused before the server is asked anything.
  const search = searchObjectOrThrow(query.q);
  const run = beginSearch(session.id, `folder\u0000${query.folder}\u0000${query.q}`, requestSignal);
  try {
    return await withMailbox(
      session,
      query.folder,
      async (client, mailbox) => {
        // After NOOP imapflow knows EXISTS but not UIDNEXT (an EXISTS names no UID), so messages
        // moved out and back in (an undo) would leave the key as it was and the cache would answer
        // UIDs that are gone. Fetching the newest message's UID moves imapflow's uidNext past it;
        // it is skipped when nothing was heard since the last such FETCH (search/uid-next.ts).
        // Without UIDPLUS a move leaves its originals flagged \Deleted (search hides them): there
        // the key also holds HIGHESTMODSEQ, which imapflow follows from FETCH MODSEQ, and the FETCH
        // is always sent. (With UIDPLUS it is left out, so that reading a message does not cost the
        // next page a SEARCH.)
        await makeUidNextCurrent(client, mailbox);
        const flagsSeen = client.capabilities.has('UIDPLUS') ? '' : (mailbox.highestModseq ?? '');
        const key = [query.folder, query.q, mailbox.uidValidity, mailbox.exists, mailbox.uidNext, flagsSeen].join('\u0000');
        let uids: number[] | Uint32Array | null = cachedUids(session.id, key);
        if (!uids) {
          uids = await searchUids(client, mailbox, search);
          cacheUids(session.id, key, uids);
        }
        // The whole result set, pinned by UID for "select all results" (search/result-sets.ts).
        const pinKey = `folder\u0000${key}`;
        let resultSet = tokenFor(session.id, pinKey);
        if (!resultSet) {
          resultSet = pinResultSet(session.id, pinKey, [pinnedFolder(query.folder, mailbox.uidValidity.toString(), uids)]);
          if (resultSet) await shareResultSet(session.id, resultSet);
        }
        return { ...(await pageOfUids(client, session.username, mailbox, query, uids)), resultSet };
      },
      { lane: 'search', signal: run.signal },
    );
  } finally {
    run.end();
  }
}

/**
 * Searches every selectable folder of the user's own (with `shared`, other users' and public
 * ones too; with `after`, continues in the folders "show more" names) and yields each folder's newest matches as soon as that folder is done. At most
 * SEARCH_ALL_LIMIT per folder: enough for the newest SEARCH_ALL_LIMIT across all of them.
 */
export async function* searchAllFolders(session: Session, query: SearchAllQuery, requestSignal?: AbortSignal): AsyncGenerator<SearchEventDto> {
  const search = searchObjectOrThrow(query.q);
  const scope = query.shared ? 'all+shared' : 'all';
  const run = beginSearch(session.id, `${scope}\u0000${query.q}\u0000${JSON.stringify(query.after ?? null)}`, requestSignal);
  const lane = { lane: 'search', signal: run.signal } as const;
  // The first run pins every folder's whole set of matches, beyond the rows it sends; "show
  // more" (`after`) only sends rows from it.
  const resultSet = query.after ? null : openResultSet(session.id, `${scope}\u0000${query.q}`);
  let pinned = resultSet !== null;
  try {
    const resumes: Array<{ folder: string; resume?: SearchResume }> = query.after
      ? query.after.map((resume) => ({ folder: resume.folder, resume }))
      : await withClient(session, async (client) => {
          const folders = sortFolders(toFolderDtos(await client.list(), client.namespaces));
          // Other users' and public folders only when asked ("Include shared folders"): they
          // can be large, and most searches are for one's own mail.
          return folders.filter((f) => f.selectable && (query.shared || f.namespace === 'personal')).map((f) => ({ folder: f.path }));
        }, lane);
    for (const { folder, resume } of resumes) {
      const found = await withMailbox(session, folder, (client, mailbox) => searchOneFolder(client, session.username, mailbox, folder, search, resume), lane).catch((error: unknown) => {
        // A folder deleted meanwhile is skipped; anything else ends the search.
        if (error instanceof AppError && error.code === 'not_found') return null;
        throw error;
      });
      if (!found) continue;
      if (resultSet && pinned) pinned = addToResultSet(session.id, resultSet, found.pinned);
      yield found.event;
    }
    if (resultSet && pinned) await shareResultSet(session.id, resultSet);
    yield { type: 'done', folders: resumes.length, resultSet: pinned ? resultSet : null };
  } finally {
    run.end();
  }
}

async function searchOneFolder(
  client: ImapFlow,
  username: string,
  mailbox: MailboxObject,
  folder: string,
  search: SearchObject,
  resume: SearchResume | undefined,
): Promise<{ event: SearchEventDto; pinned: PinnedFolder } | null> {
  const uidValidity = mailbox.uidValidity.toString();
  // The folder was recreated since the first batch: its old place means nothing now.
  if (resume && resume.uidValidity !== uidValidity) return null;
  const scoped = resume ? { ...search, uid: `1:${resume.below - 1}` } : search;
  const uids = await searchUids(client, mailbox, scoped);
  if (!uids.length) return null;
  const page = await pageOfUids(client, username, mailbox, { folder, offset: 0, limit: SEARCH_ALL_LIMIT }, uids);
  const more = uids.length > SEARCH_ALL_LIMIT;
  return {
    event: {
      type: 'folder',
      folder,
      matches: uids.length,
      messages: page.messages,
      resume: more ? { uidValidity, below: uids[SEARCH_ALL_LIMIT - 1] } : null,
    },
    pinned: pinnedFolder(folder, uidValidity, uids),
  };
}

