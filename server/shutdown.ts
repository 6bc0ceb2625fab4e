import 'server-only';
import { log } from './log';
import { processGlobal } from './process-global';

/*
 * A clean stop on SIGTERM or SIGINT (a rolling restart, systemd, Ctrl+C), within 10 s:
 *
 * 1. `next start` (server/lib/start-server.js in Next 16) stops listening at once: new
 *    connections are refused. It then waits for every open connection to end, so an open event
 *    stream alone would keep the process up for ever; after that it calls process.exit.
 * 2. Wren ends every event stream with a retry hint (the `streams` phase: server/http/sse.ts),
 *    so browsers reconnect within a second or two, to another process or the new one.
 * 3. It waits for the requests in flight (counted by withRequest) and for IMAP connections
 *    still busy (a download streaming) to finish; a request that arrives meanwhile on a kept-alive
 *    connection is answered 503 (`isShuttingDown`).
 * 4. The `connections` phase: every IMAP connection is logged out (server/imap/pool.ts), then
 *    the `store` phase closes Redis (server/session/session.ts).
 * 5. The process exits with Next's code (143 for SIGTERM, 130 for SIGINT).
 *
 * Next may call process.exit while step 4 still runs (nothing was open, so its wait ended at
 * once): its call is held until the drain is done. Whatever happens, the process exits
 * DRAIN_DEADLINE_MS after the signal. Lower layers register their part with `onShutdown` when
 * they load, as they do with `onSignOut`; the registrations are kept per process (processGlobal),
 * so Next's separately bundled route handlers and instrumentation.ts share them.
 */

export type ShutdownPhase = 'streams' | 'connections' | 'store';

/** Within 10 s of the signal, whatever happens (systemd's and Kubernetes' usual grace is 10 to 30 s). */
const DRAIN_DEADLINE_MS = 9000;
/** The part of the deadline given to requests in flight; the rest is for logging out. */
const REQUESTS_DEADLINE_MS = 6000;

interface State {
  stopping: boolean;
  inFlight: number;
  idleWaiters: Set<() => void>;
  hooks: Map<string, { phase: ShutdownPhase; run: () => Promise<void> | void }>;
  /** Work other than requests that must end before logging out (an IMAP connection busy streaming). */
  busy: Map<string, () => boolean>;
  installed: boolean;
}

const state = processGlobal<State>('shutdown', () => ({
  stopping: false,
  inFlight: 0,
  idleWaiters: new Set(),
  hooks: new Map(),
  busy: new Map(),
  installed: false,
}));

/** Registers what a module does at shutdown, in its phase; a second registration under `name` replaces the first. */
export function onShutdown(name: string, phase: ShutdownPhase, run: () => Promise<void> | void) {
  state.hooks.set(name, { phase, run });
}

/** Registers a test of work still under way that the drain waits for (besides requests). */
export function onShutdownBusy(name: string, isBusy: () => boolean) {
  state.busy.set(name, isBusy);
}

/** True once a stop signal arrived: new requests are refused with 503. */
export function isShuttingDown(): boolean {
  return state.stopping;
}

/** Counts a request in flight until the returned function is called. */
export function trackRequest(): () => void {
  state.inFlight++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    state.inFlight--;
    for (const wake of [...state.idleWaiters]) wake();
  };
}

function idle(): boolean {
  if (state.inFlight > 0) return false;
  for (const isBusy of state.busy.values()) if (isBusy()) return false;
  return true;
}

/** Resolves when no request is in flight and nothing registered is busy, or after `ms`. */
function waitForIdle(ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (result: boolean) => {
      clearTimeout(timer);
      clearInterval(poll);
      state.idleWaiters.delete(check);
      resolve(result);
    };
    const check = () => {
      if (idle()) finish(true);
    };
    const timer = setTimeout(() => finish(false), ms);
    // Busy tests have no event of their own (an IMAP stream ending): look again every 50 ms.
    const poll = setInterval(check, 50);
    state.idleWaiters.add(check);
    check();
  });
}

async function runPhase(phase: ShutdownPhase) {
  const hooks = [...state.hooks].filter(([, hook]) => hook.phase === phase);
  await Promise.all(
    hooks.map(async ([name, hook]) => {
      try {
        await hook.run();
      } catch (error) {
        log.warn('shutdown step failed', { step: name, message: (error as Error).message });
      }
    }),
  );
}

/** Ends streams, waits for requests, logs out of IMAP and closes the store. Exported for tests. */
export async function drain(): Promise<void> {
  state.stopping = true;
  const started = Date.now();
  await runPhase('streams');
  const settled = await waitForIdle(REQUESTS_DEADLINE_MS);
  if (!settled) log.warn('shutdown: requests still running, stopping them', { inFlight: state.inFlight });
  await runPhase('connections');
  await runPhase('store');
  log.info('shutdown: drained', { ms: Date.now() - started });
}

const EXIT_CODES: Record<string, number> = { SIGTERM: 143, SIGINT: 130 };

/**
 * Installs the SIGTERM and SIGINT handlers once per process (called from instrumentation.ts).
 * Next's own handler, registered earlier, stops listening; this one drains and then exits.
 */
export function installShutdownHandlers() {
  if (state.installed) return;
  state.installed = true;
  const realExit = process.exit.bind(process);
  let drained = false;
  let exitCode: number | null = null;

  const onSignal = (signal: NodeJS.Signals) => {
    if (state.stopping) return;
    log.info('shutdown: signal received', { signal });
    const code = EXIT_CODES[signal] ?? 128;
    setTimeout(() => {
      log.warn('shutdown: deadline reached, exiting');
      realExit(code);
    }, DRAIN_DEADLINE_MS).unref();
    // Next exits as soon as its connections are closed: hold that until the drain is done.
    process.exit = ((requested?: number) => {
      if (drained) return realExit(requested);
      exitCode = requested ?? code;
      return undefined as never;
    }) as typeof process.exit;
    void drain().finally(() => {
      drained = true;
      // Next's call, if it came; otherwise ours (NEXT_MANUAL_SIG_HANDLE, or a connection that
      // outlived the requests), after a moment for Next to finish on its own.
      if (exitCode !== null) return realExit(exitCode);
      setTimeout(() => realExit(exitCode ?? code), 500);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
