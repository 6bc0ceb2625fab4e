import 'server-only';
import { env } from '../../env';
import { closePushConnection, onMainConnected, openPushConnection, withClient } from '../../imap/pool';
import { log } from '../../log';
import { processGlobal } from '../../process-global';
import { store, type Session } from '../../session/session';
import { pushSettings, pushUserToken } from './config';
import { inBackground, notifyNewMail } from './deliver';
import { readDevices } from './devices';

/*
 * PUSH_SOURCE=idle, for a mail server that cannot call Wren: a `push` IMAP connection that IDLEs
 * on INBOX for each user with a device to notify, and sends each new unseen message there.
 *
 * The limit, stated plainly (docs/DEPLOY.md, npm run doctor): Wren never stores a password it
 * can use on its own. A user's IMAP password is sealed under a key only their session cookie
 * holds, so a watch can run only while this process holds a live sign-in of the user: it starts
 * when the user subscribes or when a session's connection is made (sign-in, or the first request
 * after a restart), and ends at sign-out, when that sign-in expires, when the connection is lost
 * or given up for the user's own work, and at a restart. Until the user's next request after
 * that, nothing is heard. At most PUSH_IDLE_MAX watches per process; beyond it, none (logged).
 * Several processes may watch one user: the send is claimed once per message (deliver.ts).
 */

interface Watch {
  session: Session;
  token: string;
  /** INBOX as first seen: UIDVALIDITY and the next UID; only UIDs from there on are new. */
  uidValidity: string | null;
  uidNext: number;
  checking: Promise<void> | null;
  again: boolean;
}

const watches = () => processGlobal('push-idle-watches', () => new Map<string, Watch>());
const userKey = (username: string) => username.trim().toLowerCase();
let warnedFull = false;

/** How many users this process watches (npm run doctor, tests). */
export const pushWatchCount = () => watches().size;

/** Starts watching INBOX for the user of `session`, if push runs on IDLE and the user has a device. */
export function watchForPush(session: Session): void {
  if (pushSettings()?.source !== 'idle') return;
  const key = userKey(session.username);
  if (watches().has(key)) return;
  if (watches().size >= env().PUSH_IDLE_MAX) {
    if (!warnedFull) log.warn('push: PUSH_IDLE_MAX watches reached, further users get no notifications from this process', { max: env().PUSH_IDLE_MAX });
    warnedFull = true;
    return;
  }
  const watch: Watch = { session, token: pushUserToken(session.username), uidValidity: null, uidNext: 0, checking: null, again: false };
  watches().set(key, watch);
  inBackground(start(key, watch));
}

async function start(key: string, watch: Watch): Promise<void> {
  try {
    if (!(await readDevices(watch.token)).length) return end(key, watch);
    await openPushConnection(
      watch.session,
      () => void check(key, watch),
      () => end(key, watch),
    );
    // What INBOX holds now is not new; the baseline is read after IDLE started on it.
    await withClient(watch.session, async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        watch.uidValidity = String(client.mailbox ? client.mailbox.uidValidity : '');
        watch.uidNext = client.mailbox ? client.mailbox.uidNext : 0;
      } finally {
        lock.release();
      }
    }, { lane: 'push' });
    // Mail that came while the baseline was read.
    void check(key, watch);
  } catch (error) {
    log.info('push: cannot watch INBOX', { error: String(error) });
    end(key, watch);
  }
}

function end(key: string, watch: Watch) {
  if (watches().get(key) !== watch) return;
  watches().delete(key);
  closePushConnection(watch.session.id);
}

/** Stops the user's watch (their last device went). */
export function stopPushWatch(username: string): void {
  const key = userKey(username);
  const watch = watches().get(key);
  if (watch) end(key, watch);
}

/** Fetches what arrived since the last look and sends each new unseen message; one at a time. */
function check(key: string, watch: Watch): Promise<void> {
  if (watch.checking) {
    watch.again = true;
    return watch.checking;
  }
  watch.checking = (async () => {
    do {
      watch.again = false;
      await checkOnce(key, watch);
    } while (watch.again && watches().get(key) === watch);
  })()
    .catch((error: unknown) => log.info('push: INBOX check failed', { error: String(error) }))
    .finally(() => {
      watch.checking = null;
    });
  return watch.checking;
}

async function checkOnce(key: string, watch: Watch): Promise<void> {
  if (watch.uidValidity === null || watches().get(key) !== watch) return;
  // The sign-in this watch runs on ended: it stops (the user's other sign-ins may start another).
  if (!(await store().get(watch.session.id))) return end(key, watch);
  const found = await withClient(
    watch.session,
    async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const box = client.mailbox;
        if (!box) return [];
        if (String(box.uidValidity) !== watch.uidValidity) {
          // INBOX was made anew: nothing in it is known, nothing is announced.
          watch.uidValidity = String(box.uidValidity);
          watch.uidNext = box.uidNext;
          return [];
        }
        // imapflow's uidNext is not moved by EXISTS: ask for everything from the last known one
        // (`n:*` also answers the newest message when none is that new: it is left out).
        const from = watch.uidNext;
        const messages = (await client.fetchAll(`${from}:*`, { uid: true, flags: true, envelope: true }, { uid: true })).filter((m) => m.uid >= from);
        watch.uidNext = Math.max(from, ...messages.map((m) => m.uid + 1));
        // Only unseen mail is news: a message read elsewhere and moved back to INBOX is not.
        return messages.filter((m) => !m.flags?.has('\\Seen'));
      } finally {
        lock.release();
      }
    },
    { lane: 'push' },
  );
  for (const message of found) {
    const sender = message.envelope?.from?.[0];
    await notifyNewMail(watch.token, {
      uidValidity: watch.uidValidity,
      uid: message.uid,
      from: sender ? sender.name || sender.address : undefined,
      subject: message.envelope?.subject,
    });
  }
}

// Any session's main connection being made (a sign-in, or the first request after a restart)
// starts the user's watch when push runs on IDLE.
onMainConnected('push-idle', (session) => watchForPush(session));
