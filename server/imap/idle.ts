import 'server-only';
import type { ImapFlow } from 'imapflow';
import { log } from '../log';
import type { Entry } from './registry';

const isSameFolder = (a: string, b: string) => a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');

/**
 * Puts the main connection back into IDLE on its watched folder once no request uses it (the
 * pool calls this as each request ends). A request interrupts IDLE (imapflow sends DONE first).
 */
export async function resumeIdle(entry: Entry, client: ImapFlow) {
  const path = entry.watchPath;
  const idling = (client as unknown as { idling?: boolean }).idling;
  if (!path || !client.usable || entry.active > 0 || idling) return;
  try {
    if (!client.mailbox || !isSameFolder(client.mailbox.path, path)) {
      const lock = await client.getMailboxLock(path);
      lock.release();
    }
    if (entry.active > 0 || entry.client !== client || entry.watchPath !== path) return;
    void client.idle().catch(() => undefined);
  } catch (error) {
    log.info('cannot watch folder', { session: entry.sessionId.slice(0, 6), error: String(error) });
    if (entry.watchPath === path) entry.watchPath = null;
  }
}
