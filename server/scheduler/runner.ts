import 'server-only';
import { closeSession, onMainConnected, withClient, withMailbox } from '../imap/pool';
import { env } from '../env';
import { log } from '../log';
import { store, type Session } from '../session/session';
import { onShutdown } from '../shutdown';
import { processGlobal } from '../process-global';
import { jobFolderPath, readJobs, SEND_FAILED, SEND_UNKNOWN, type JobFolder } from './folders';
import { grantSession, isSchedulerSession, keepGrant } from './grant';
import { sendDue } from './send-later';
import { wakeSnoozed } from './snooze';
import { processToken, schedulerState } from './state';

const TICK_MS = 1000;
/** Renewed on a timer of its own, so a tick busy sending for longer than the lease keeps it. */
const RENEW_MS = 2000;
/** Before a user's folders are scanned their entry is pushed this far: a scan that dies is retried then. */
const RESCAN_MS = 5 * 60_000;
const RETRY_MS = 30_000;

/**
 * The lease outlives a tick by far (and a process starved of CPU for a while); a killed holder is
 * replaced within this (SCHEDULER_LEASE, 30 s by default).
 */
const leaseMs = () => env().SCHEDULER_LEASE * 1000;
const USER_LOCK_SECONDS = 120;

/**
 * Does what is due for one user: signs in with the user's grant (grant.ts), wakes every snoozed
 * message whose time has come, sends every scheduled one, and files the user's next due time in
 * the index. A user lock in the store keeps two processes off one user even if the lease moved
 * meanwhile (a process paused past its lease). Returns what it did, for tests.
 */
export async function runUser(username: string, now = Date.now()): Promise<{ woke: number; sent: number; next: number | null } | null> {
  const state = schedulerState();
  const lock = `sched-user:${username}`;
  if ((await store().putIfAbsent(lock, processToken, USER_LOCK_SECONDS)) !== null) return null;
  const mark = now + RESCAN_MS;
  await state.setDue(username, mark);
  try {
    const session = await grantSession(username);
    if (!session) {
      // No credential (a restart without Redis, or SESSION_SECRET changed): the user's next sign-in brings it.
      await state.forgetIf(username, mark);
      return null;
    }
    try {
      const result = await runJobs(session, now);
      if (result.next === null) await state.forgetIf(username, mark);
      else await state.dueAtMost(username, result.next);
      return result;
    } catch (error) {
      const code = (error as { code?: string }).code;
      log.warn('scheduler run failed', { code: code ?? 'error' });
      if (code === 'auth_failed') await state.forgetIf(username, mark);
      else await state.dueAtMost(username, Date.now() + RETRY_MS);
      return null;
    } finally {
      await closeSession(session.id);
    }
  } finally {
    await store().remove(lock);
  }
}

async function runJobs(session: Session, now: number) {
  let woke = 0;
  let sent = 0;
  let next: number | null = null;
  const later = (at: number) => void (next = next === null ? at : Math.min(next, at));
  for (const kind of ['snoozed', 'scheduled'] as JobFolder[]) {
    const path = await withClient(session, async (client) => jobFolderPath(client, kind));
    const jobs = await withMailbox(session, path, (client) => readJobs(client, kind)).catch((error) => {
      if ((error as { code?: string }).code === 'not_found') return [];
      throw error;
    });
    for (const job of jobs) {
      if (kind === 'scheduled' && [SEND_FAILED, SEND_UNKNOWN, '\\Deleted'].some((f) => job.flags.has(f))) continue;
      if (job.dueAt === null) continue;
      if (job.dueAt > now) {
        later(job.dueAt);
        continue;
      }
      if (kind === 'snoozed') {
        await withMailbox(session, path, (client) => wakeSnoozed(session, client, job.uid), { retry: false });
        woke++;
        continue;
      }
      const outcome = await sendDue(session, path, job.uid);
      if (outcome === 'sent') sent++;
      if (outcome === 'retry') later(Date.now() + RETRY_MS);
    }
  }
  if (woke || sent) log.info('scheduler acted', { woke, sent });
  return { woke, sent, next };
}

/** One tick: while this process holds the lease, the users whose work is due. */
export async function tick(now = Date.now()): Promise<boolean> {
  const state = schedulerState();
  if (!(await state.holdLease(processToken, leaseMs()))) return false;
  for (const username of await state.due(now, 20)) {
    // Lost meanwhile (this process was paused past the lease): the new holder goes on.
    if (!(await state.holdLease(processToken, leaseMs()))) break;
    await runUser(username, now);
  }
  return true;
}

/** Starts this process's scheduler (instrumentation.ts): a tick a second, one at a time. */
export function startScheduler(): void {
  processGlobal('scheduler-timer', () => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      tick()
        .catch((error) => log.warn('scheduler tick failed', { error: String(error) }))
        .finally(() => void (running = false));
    }, TICK_MS);
    timer.unref();
    let held = false;
    const renew = setInterval(() => {
      schedulerState()
        .holdLease(processToken, leaseMs())
        .then((now) => {
          if (now !== held) log.info(now ? 'scheduler lease taken' : 'scheduler lease lost', {});
          held = now;
        })
        .catch(() => undefined);
    }, RENEW_MS);
    renew.unref();
    onShutdown('scheduler', 'connections', async () => {
      clearInterval(timer);
      clearInterval(renew);
      await schedulerState().releaseLease(processToken).catch(() => undefined);
    });
    return timer;
  });
}

/**
 * A sign-in (or a session's first request after a restart) looks whether the user has jobs on
 * the server; if so it renews the grant with the password just proven and files the user as due
 * now, so the next tick scans them: the index is rebuilt from IMAP, nothing else is needed.
 */
export async function rememberJobsOf(session: Session): Promise<boolean> {
  if (isSchedulerSession(session)) return false;
  // The index has the user already (jobs known from an earlier sign-in or scan): the two STATUS
  // (and LIST) calls would only confirm it, on the connection the sign-in and the first render
  // of the mail view wait for (#22). The grant is renewed and the next tick scans as before.
  const known = (await schedulerState().dueOf(session.username)) !== null;
  const counts = known || (await withClient(session, async (client) => {
    let total = 0;
    for (const kind of ['snoozed', 'scheduled'] as JobFolder[]) {
      const status = await client.status(jobFolderPath(client, kind), { messages: true }).catch(() => null);
      total += (status && status.messages) || 0;
    }
    return total;
  }));
  if (!counts) return false;
  await keepGrant(session, Date.now());
  await schedulerState().dueAtMost(session.username, Date.now());
  return true;
}

onMainConnected('scheduler', (session) => {
  if (isSchedulerSession(session)) return;
  void rememberJobsOf(session).catch((error) => log.warn('scheduler sign-in scan failed', { error: String(error) }));
});
