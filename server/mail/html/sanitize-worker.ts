import { parentPort } from 'node:worker_threads';
import { runSanitizeJob, warmUpSanitizer, WARM_RUNS_IDLE, type SanitizeJob } from './sanitize-job';

// A sanitizer thread (sanitize-pool.ts): one job at a time, killed when over budget. It says it
// is ready once jsdom has loaded (the imports above) and its code is warm (warmUpSanitizer), so
// its start-up is never a job's time. It then goes on warming, one run of the sample per turn of
// its event loop, until the first job comes: a job waits for one run at most (a few ms), and
// from then on the jobs themselves keep the code warm.
let idleRuns = WARM_RUNS_IDLE;
parentPort?.on('message', (job: SanitizeJob) => {
  idleRuns = 0;
  try {
    parentPort?.postMessage({ ok: true, result: runSanitizeJob(job) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
warmUpSanitizer();
parentPort?.postMessage({ ready: true });
const warmWhileIdle = () => {
  if (idleRuns-- <= 0) return;
  warmUpSanitizer(1);
  setImmediate(warmWhileIdle);
};
setImmediate(warmWhileIdle);
