import 'server-only';
import { log } from '../log';
import { processGlobal } from '../process-global';
import type { Session } from './session';

/**
 * What a module keeps per user or per session (cached rows, a search's UIDs, uploaded files) is
 * dropped at sign-out by a clean-up the module registers itself when it loads: the session layer
 * need not know who keeps what, and a module never loaded in this process holds nothing.
 */
type Cleanup = (session: Session) => void | Promise<void>;

const cleanups = () => processGlobal('signOutCleanups', () => new Map<string, Cleanup>());

/** Registers `cleanup` under `name` (a module reloaded in development replaces its own). */
export function onSignOut(name: string, cleanup: Cleanup): void {
  cleanups().set(name, cleanup);
}

/** Runs every registered clean-up for the session; one that fails is logged and the rest still run. */
export async function runSignOutCleanups(session: Session): Promise<void> {
  await Promise.all(
    [...cleanups()].map(async ([name, cleanup]) => {
      try {
        await cleanup(session);
      } catch (error) {
        log.warn('sign-out clean-up failed', { name, error: String(error) });
      }
    }),
  );
}
