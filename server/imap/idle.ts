import 'server-only';
import type { ImapFlow } from 'imapflow';
import { log } from '../log';
import { checkLeftFolders, isNotifying } from './commands/notify';
import type { Entry } from './registry';

/** Whether the connection is in IDLE now (imapflow keeps it, untyped). */
export const isIdling = (client: ImapFlow) => !!(client as unknown as { idling?: boolean }).idling;

const isSameFolder = (a: string, b: string) => a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');

/**
 * Puts a watching connection back into IDLE once no request uses it (the pool calls this as
 * each request ends). A request interrupts IDLE (imapflow sends DONE first). Without NOTIFY the
 * connection IDLEs on its watched folder, selected again if a request left another one. With
 * NOTIFY every watched folder is heard whichever is selected, so it IDLEs where the request left
 * it, after asking STATUS of the watched folders requests left: Dovecot drops what it had not
 * yet said about a folder that is left (server/imap/commands/notify.ts).
 */
export async function resumeIdle(entry: Entry, client: ImapFlow) {
  const path = entry.watchPath;
  if (!path || !client.usable || entry.active > 0 || isIdling(client)) return;
  try {
    const notified = isNotifying(client);
    if (!client.mailbox || (!notified && !isSameFolder(client.mailbox.path, path))) {
      const lock = await client.getMailboxLock(path);
      lock.release();
    }
    if (notified) await checkLeftFolders(client);
    if (entry.active > 0 || entry.client !== client || entry.watchPath !== path) return;
    void client.idle().catch(() => undefined);
  } catch (error) {
    log.info('cannot watch folder', { session: entry.sessionId.slice(0, 6), error: String(error) });
    if (entry.watchPath === path) entry.watchPath = null;
  }
}
