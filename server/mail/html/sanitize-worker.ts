import { parentPort } from 'node:worker_threads';
import { runSanitizeJob, warmUpSanitizer, type SanitizeJob } from './sanitize-job';

// A sanitizer thread (sanitize-pool.ts): one job at a time, killed when over budget. It says it
// is ready once jsdom has loaded (the imports above) and its code is warm (warmUpSanitizer), so
// its start-up is never a job's time.
parentPort?.on('message', (job: SanitizeJob) => {
  try {
    parentPort?.postMessage({ ok: true, result: runSanitizeJob(job) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
warmUpSanitizer();
parentPort?.postMessage({ ready: true });
