import 'server-only';
import { Worker } from 'node:worker_threads';
import { env } from '../../env';
import { AppError } from '../../errors';
import { log } from '../../log';
import { processGlobal } from '../../process-global';
import type { SanitizeJob } from './sanitize-job';
import { SANITIZE_BUDGET_MS } from '../mime/bounds';
import type { SanitizedHtml } from './sanitize';

/*
 * Sanitizing runs on worker threads: jsdom and DOMPurify are synchronous, and a hostile message
 * (100,000 nested elements) takes a minute of CPU. On the main thread that would freeze every
 * user's requests; here it costs one worker, which is terminated when the budget runs out and
 * replaced. SANITIZE_WORKERS=0 sanitizes inline (the unit and integration tests, which run TS
 * that a worker thread could not load), with the budget checked afterwards.
 */

export type SanitizeOutcome = { kind: 'ok'; result: SanitizedHtml } | { kind: 'over_budget' };

interface Task {
  job: SanitizeJob;
  budgetMs: number;
  resolve: (outcome: SanitizeOutcome) => void;
  reject: (error: Error) => void;
}

interface Pool {
  idle: Worker[];
  size: number;
  queue: Task[];
}

const pool = processGlobal<Pool>('sanitize-pool', () => ({ idle: [], size: 0, queue: [] }));

function spawn(): Worker {
  const worker = new Worker(new URL('./sanitize-worker.ts', import.meta.url));
  worker.unref();
  pool.size++;
  return worker;
}

function retire(worker: Worker) {
  pool.size--;
  void worker.terminate();
}

function run(worker: Worker, task: Task) {
  const timer = setTimeout(() => {
    cleanup();
    retire(worker);
    task.resolve({ kind: 'over_budget' });
    next();
  }, task.budgetMs);
  const onMessage = (answer: { ok: true; result: SanitizedHtml } | { ok: false; message: string }) => {
    cleanup();
    pool.idle.push(worker);
    if (answer.ok) task.resolve({ kind: 'ok', result: answer.result });
    else task.reject(new Error(`sanitize failed: ${answer.message}`));
    next();
  };
  const onError = (error: Error) => {
    cleanup();
    retire(worker);
    log.error('sanitize worker failed', { error: error.message });
    task.reject(error);
    next();
  };
  function cleanup() {
    clearTimeout(timer);
    worker.off('message', onMessage);
    worker.off('error', onError);
  }
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.postMessage(task.job);
}

function next() {
  while (pool.queue.length) {
    const worker = pool.idle.pop() ?? (pool.size < env().SANITIZE_WORKERS ? spawn() : null);
    if (!worker) return;
    run(worker, pool.queue.shift()!);
  }
}

/** Sanitizes off the main thread; a job over its budget is stopped and reported as such. */
export async function sanitizeWithinBudget(job: SanitizeJob, budgetMs: number): Promise<SanitizeOutcome> {
  if (env().SANITIZE_WORKERS === 0) {
    // Loaded only here: jsdom is heavy, and with workers the main thread never needs it.
    const { runSanitizeJob } = await import('./sanitize-job');
    const started = performance.now();
    const result = runSanitizeJob(job);
    return performance.now() - started > budgetMs ? { kind: 'over_budget' } : { kind: 'ok', result };
  }
  return new Promise((resolve, reject) => {
    pool.queue.push({ job, budgetMs, resolve, reject });
    next();
  });
}

/** HTML for the composer or for sending (formatting and links only), within the budget. */
export async function sanitizeForComposer(html: string): Promise<string> {
  const outcome = await sanitizeWithinBudget({ kind: 'composer', html }, SANITIZE_BUDGET_MS);
  if (outcome.kind === 'over_budget') throw new AppError('invalid_input', 'This HTML is too complex to edit or send');
  return outcome.result.html;
}

/** Starts one sanitizer thread ahead of the first message, so no open waits for jsdom to load. */
export function warmSanitizers() {
  if (pool.size === 0 && env().SANITIZE_WORKERS > 0) pool.idle.push(spawn());
}
