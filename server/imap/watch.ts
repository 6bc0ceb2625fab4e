import 'server-only';
import { log } from '../log';
import type { Session } from '../session/session';
import { isNotifiedFor, setNotify, supportsNotify } from './commands/notify';
import { namespaceOf } from './namespaces';
import { noteStatus } from './events';
import { withClient, withMailbox } from './pool';
import { mainEntry } from './registry';
import { stopWatchers, syncWatchers } from './watchers';

/**
 * Watches the folders the session's tabs show (`paths`, newest first; empty stops watching).
 * The main connection IDLEs whenever no request uses it (imap/idle.ts), on the first folder.
 * With NOTIFY (RFC 5465) the same connection hears of the others too: Dovecot sends their
 * STATUS when they change (imap/commands/notify.ts). Without it, watchers.ts gives them
 * connections of their own, within the per-user cap, and polls the rest. Other users' shared
 * folders are watched that way even with NOTIFY, unless selected here first: Dovecot 2.3.19
 * sends no STATUS for one the session has not opened (checked: NOTIFY SET ... (MAILBOXES
 * ("shared/ana/Team" "Public/Announcements") ...) with INBOX selected reports changes of
 * Public/Announcements, never of shared/ana/Team, though IDLE on it hears them).
 */
export async function watchFolders(session: Session, paths: string[]): Promise<void> {
  if (!paths.length) {
    const entry = mainEntry(session.id);
    if (entry) entry.watchPath = null;
    stopWatchers(session.id);
    if (entry?.client?.usable && supportsNotify(entry.client)) {
      await withClient(session, (client) => setNotify(client, [], () => undefined)).catch(() => undefined);
    }
    return;
  }
  let notify = false;
  let unnotified: string[] = [];
  // Selected here, so whatever happens after this returns is heard: IDLE starts as the request ends.
  await withMailbox(session, paths[0], async (client) => {
    const entry = mainEntry(session.id);
    if (entry) entry.watchPath = paths[0];
    notify = supportsNotify(client);
    // Another user's folder is left to watchers.ts unless it is this connection's own (selected
    // here: Dovecot reports it from then on, checked through Wren with another request between).
    unnotified = paths.slice(1).filter((p) => namespaceOf(client, p).kind === 'shared');
    const notified = paths.filter((p) => !unnotified.includes(p));
    // INBOX always, when NOTIFY makes it free: its new mail moves the counts (the tab title, the
    // desktop notice) within a second even when no tab shows it.
    const notifyPaths = notified.some((p) => p.toUpperCase() === 'INBOX') ? notified : [...notified, 'INBOX'];
    if (!notify || isNotifiedFor(client, notifyPaths)) return;
    try {
      await setNotify(client, notifyPaths, (status, answer) => noteStatus(session.id, status, answer));
    } catch (error) {
      // A server that announces NOTIFY but refuses this one: watch as without it.
      if (!client.usable) throw error;
      log.warn('NOTIFY refused; watching folders without it', { session: session.id.slice(0, 6), error: String(error) });
      notify = false;
    }
  });
  await syncWatchers(session, notify ? unnotified : paths.slice(1));
}
