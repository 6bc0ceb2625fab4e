import 'server-only';
import type { Session } from '../session/session';
import { withMailbox } from './pool';
import { mainEntry } from './registry';

/**
 * Has the session's main connection IDLE on `path` whenever no request is using it (null stops
 * watching). A request interrupts IDLE and IDLE resumes after it (imap/idle.ts).
 */
export async function watchFolder(session: Session, path: string | null): Promise<void> {
  if (path === null) {
    const entry = mainEntry(session.id);
    if (entry) entry.watchPath = null;
    return;
  }
  // Selected here, so whatever happens after this returns is heard: IDLE starts as the request ends.
  await withMailbox(session, path, async () => {
    const entry = mainEntry(session.id);
    if (entry) entry.watchPath = path;
  });
}
