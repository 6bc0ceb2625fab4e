import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { QuotaDto } from '@/lib/types';
import { withClient } from '../imap/pool';
import { processGlobal } from '../process-global';
import type { Session } from '../session/session';

/** Answers younger than this are served again: the bar is read with every folder refresh. */
const CACHE_MS = 30_000;
const cache = processGlobal('quota-cache', () => new Map<string, { at: number; quota: QuotaDto | null }>());

/**
 * The quota of `path`'s quota root (RFC 9208 GETQUOTAROOT, through imapflow's getQuota), or null
 * when the server has no QUOTA capability or names no root for it.
 */
export async function readQuota(client: ImapFlow, path = 'INBOX'): Promise<QuotaDto | null> {
  const answer = await client.getQuota(path);
  if (!answer) return null;
  const quota: QuotaDto = {};
  if (answer.storage?.usage !== undefined) quota.usedBytes = answer.storage.usage;
  if (answer.storage?.limit !== undefined) quota.limitBytes = answer.storage.limit;
  if (answer.message?.usage !== undefined) quota.usedMessages = answer.message.usage;
  if (answer.message?.limit !== undefined) quota.limitMessages = answer.message.limit;
  return Object.keys(quota).length ? quota : null;
}

/** The account's quota (INBOX's root), cached for 30 s per session. */
export async function accountQuota(session: Session): Promise<QuotaDto | null> {
  const hit = cache.get(session.id);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.quota;
  const quota = await withClient(session, (client) => readQuota(client));
  cache.set(session.id, { at: Date.now(), quota });
  // Old entries go with the next read: sessions end without telling this module.
  for (const [id, entry] of cache) if (Date.now() - entry.at >= CACHE_MS) cache.delete(id);
  return quota;
}

/** After a move, a copy, a deletion, a send or a page load the next read asks the server again. */
export function forgetQuota(session: Session): void {
  cache.delete(session.id);
}
