import 'server-only';
import { Worker } from 'node:worker_threads';
import { env } from '../../env';
import { AppError } from '../../errors';
import { log } from '../../log';
import { recordSanitize } from '../../metrics';
import { processGlobal } from '../../process-global';
import type { SanitizeJob } from './sanitize-job';
import { SANITIZE_BUDGET_MS } from '../mime/bounds';
import type { SanitizedHtml } from './sanitize';

/*
 * Sanitizing runs on worker threads: jsdom and DOMPurify are synchronous, and a hostile message
 * (100,000 nested elements) takes a minute of CPU. On the main thread that would freeze every
 * user's requests; here it costs one worker, which is terminated when the budget runs out and
 * replaced. A new thread takes jobs only once it has loaded jsdom and says it is ready: the
 * budget is the sanitizer's time, never the thread's start-up (which a busy machine can stretch
 * past the budget itself). SANITIZE_WORKERS=0 sanitizes inline (the unit and integration tests,
 * which run TS that a worker thread could not load), with the budget checked afterwards.
 */

export type SanitizeOutcome = { kind: 'ok'; result: SanitizedHtml } | { kind: 'over_budget' };

interface Task {
  job: SanitizeJob;
  budgetMs: number;
  resolve: (outcome: SanitizeOutcome) => void;
  reject: (error: Error) => void;
}

interface Pool {
  /** Threads ready and waiting for a job. */
  idle: Worker[];
  /** Threads in all: starting, idle or running a job. */
  size: number;
  /** Threads running a job. */
  busy: number;
  queue: Task[];
}

const pool = processGlobal<Pool>('sanitize-pool', () => ({ idle: [], size: 0, busy: 0, queue: [] }));

/** Starts a thread; it joins the idle ones when it says it is ready (jsdom loaded). */
function spawn() {
  const worker = new Worker(new URL('./sanitize-worker.ts', import.meta.url));
  worker.unref();
  pool.size++;
  const onReady = () => {
    worker.off('error', onStartError);
    pool.idle.push(worker);
    next();
  };
  // A thread that cannot start fails the jobs waiting for it rather than leaving them waiting.
  const onStartError = (error: Error) => {
    worker.off('message', onReady);
    pool.size--;
    log.error('sanitize worker did not start', { error: error.message });
    if (pool.size === 0) for (const task of pool.queue.splice(0)) task.reject(error);
  };
  worker.once('message', onReady);
  worker.once('error', onStartError);
}

function run(worker: Worker, task: Task) {
  pool.busy++;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const timer = setTimeout(() => {
    cleanup();
    recordSanitize(seconds(), 'over_budget');
    pool.size--;
    void worker.terminate();
    task.resolve({ kind: 'over_budget' });
    next();
  }, task.budgetMs);
  const onMessage = (answer: { ok: true; result: SanitizedHtml } | { ok: false; message: string }) => {
    cleanup();
    recordSanitize(seconds(), answer.ok ? 'ok' : 'failed');
    pool.idle.push(worker);
    if (answer.ok) task.resolve({ kind: 'ok', result: answer.result });
    else task.reject(new Error(`sanitize failed: ${answer.message}`));
    next();
  };
  const onError = (error: Error) => {
    cleanup();
    pool.size--;
    log.error('sanitize worker failed', { error: error.message });
    task.reject(error);
    next();
  };
  function cleanup() {
    pool.busy--;
    clearTimeout(timer);
    worker.off('message', onMessage);
    worker.off('error', onError);
  }
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.postMessage(task.job);
}

function next() {
  while (pool.queue.length && pool.idle.length) run(pool.idle.pop()!, pool.queue.shift()!);
  // Jobs still waiting get threads of their own, up to the limit; each takes one when ready.
  let starting = pool.size - pool.idle.length - pool.busy;
  while (pool.queue.length > starting && pool.size < env().SANITIZE_WORKERS) {
    spawn();
    starting++;
  }
}

/** Sanitizes off the main thread; a job over its budget is stopped and reported as such. */
export async function sanitizeWithinBudget(job: SanitizeJob, budgetMs: number): Promise<SanitizeOutcome> {
  if (env().SANITIZE_WORKERS === 0) {
    // Loaded only here: jsdom is heavy, and with workers the main thread never needs it.
    const { runSanitizeJob } = await import('./sanitize-job');
    const started = performance.now();
    const result = runSanitizeJob(job);
    const ms = performance.now() - started;
    recordSanitize(ms / 1000, ms > budgetMs ? 'over_budget' : 'ok');
    return ms > budgetMs ? { kind: 'over_budget' } : { kind: 'ok', result };
  }
  return new Promise((resolve, reject) => {
    pool.queue.push({ job, budgetMs, resolve, reject });
    next();
  });
}

/**
 * HTML for the composer or for sending (formatting and links only), within the budget.
 * `keepSignatureMark` for what the user wrote (a compose, a draft): its signature block stays
 * one; a quoted original's does not.
 */
export async function sanitizeForComposer(html: string, opts: { keepSignatureMark?: boolean } = {}): Promise<string> {
  const outcome = await sanitizeWithinBudget({ kind: 'composer', html, keepSignatureMark: opts.keepSignatureMark }, SANITIZE_BUDGET_MS);
  if (outcome.kind === 'over_budget') throw new AppError('invalid_input', { key: 'thisHtmlIsTooComplex' });
  return outcome.result.html;
}

/** A rich signature as it may be stored and inserted: the composer's rules (no mark of its own). */
export function sanitizeSignature(html: string): Promise<string> {
  return sanitizeForComposer(html);
}

/** Starts one sanitizer thread ahead of the first message, so no open waits for jsdom to load. */
export function warmSanitizers() {
  if (pool.size === 0 && env().SANITIZE_WORKERS > 0) spawn();
}
