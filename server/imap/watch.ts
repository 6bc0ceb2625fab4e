import 'server-only';
import { AppError } from '../errors';
import { log } from '../log';
import type { Session } from '../session/session';
import { isNotifying, setNotify, setWatchedFolders, supportsNotify } from './commands/notify';
import { namespaceOf } from './namespaces';
import { emitMailEvent, noteStatus } from './events';
import { withMailbox } from './pool';
import { mainEntry } from './registry';
import { stopWatchers, syncWatchers } from './watchers';

/**
 * Watches the folders the session's tabs show (`paths`, newest first; empty stops watching).
 * The main connection IDLEs whenever no request uses it (imap/idle.ts), on the first folder.
 * With NOTIFY (RFC 5465) the same connection hears of all the user's own and the public folders:
 * Dovecot sends their STATUS when they change (imap/commands/notify.ts), so new mail in INBOX
 * moves the counts (the tab title, the desktop notice) within a second even when no tab shows
 * it. NOTIFY is set once per connection and never changed as tabs open and close folders
 * (Dovecot drops changes made just after a repeated SET). Without it, watchers.ts gives the
 * other folders connections of their own, within the per-user cap, and polls the rest. Other
 * users' shared folders are watched that way even with NOTIFY, unless selected here first:
 * Dovecot 2.3.19 sends no STATUS for one the session has not opened (checked: NOTIFY SET ...
 * (MAILBOXES ("shared/ana/Team" "Public/Announcements") ...) with INBOX selected reports changes
 * of Public/Announcements, never of shared/ana/Team, though IDLE on it hears them).
 */
export async function watchFolders(session: Session, paths: string[]): Promise<void> {
  if (!paths.length) {
    const entry = mainEntry(session.id);
    if (entry) entry.watchPath = null;
    stopWatchers(session.id);
    return;
  }
  // INBOX last: when every tab's folder is gone the connection still IDLEs (with NOTIFY it hears
  // every other folder), and the hub's `resync` sends the tabs to catch up, which tells them.
  const candidates = withInbox(paths);
  for (const [i, path] of candidates.entries()) {
    try {
      return await watchFrom(session, path, paths);
    } catch (error) {
      // That tab's folder is gone (deleted elsewhere; the tab learns so when it catches up). The
      // other tabs are not left unheard: the connection IDLEs on the next one.
      if (!(error instanceof AppError && error.code === 'not_found') || i === candidates.length - 1) throw error;
      log.info('cannot watch folder; watching from another', { session: session.id.slice(0, 6) });
    }
  }
}

/** `paths`, and INBOX after them unless among them. */
const withInbox = (paths: string[]) => (paths.some((p) => p.toUpperCase() === 'INBOX') ? paths : [...paths, 'INBOX']);

/** Watches `paths` with `selected` (one of them) selected on the main connection. */
async function watchFrom(session: Session, selected: string, paths: string[]): Promise<void> {
  const others = paths.filter((p) => p !== selected);
  let notify = false;
  let unnotified: string[] = [];
  // Selected here, so whatever happens after this returns is heard: IDLE starts as the request ends.
  await withMailbox(session, selected, async (client) => {
    const entry = mainEntry(session.id);
    if (entry) entry.watchPath = selected;
    notify = supportsNotify(client);
    // Another user's folder is left to watchers.ts unless it is this connection's own (selected
    // here: Dovecot reports it from then on, checked through Wren with another request between).
    unnotified = others.filter((p) => namespaceOf(client, p).kind === 'shared');
    if (!notify) return;
    if (!isNotifying(client)) {
      try {
        await setNotify(
          client,
          (status, answer) => noteStatus(session.id, status, answer),
          // A folder created, deleted or renamed elsewhere: a tab on it catches up (and learns
          // that it is gone), and the folder counts follow (live.ts), which the tree follows.
          (path) => emitMailEvent(session.id, { type: 'changed', path }),
        );
      } catch (error) {
        // A server that announces NOTIFY but refuses this one: watch as without it.
        if (!client.usable) throw error;
        log.warn('NOTIFY refused; watching folders without it', { session: session.id.slice(0, 6), error: String(error) });
        notify = false;
        return;
      }
    }
    const notified = paths.filter((p) => !unnotified.includes(p));
    setWatchedFolders(client, withInbox(notified));
  });
  await syncWatchers(session, notify ? unnotified : others);
}
