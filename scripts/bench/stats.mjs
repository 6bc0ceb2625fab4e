// Shared by every bench module: timing samples and their summary.

/** p50, p95, min, max and mean of a list of milliseconds (nearest-rank percentiles). */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const round = (x) => Math.round(x * 100) / 100;
  if (!sorted.length) return { n: 0, p50: null, p95: null, min: null, max: null, mean: null };
  return {
    n: sorted.length,
    p50: round(rank(50)),
    p95: round(rank(95)),
    min: round(sorted[0]),
    max: round(sorted.at(-1)),
    mean: round(sorted.reduce((s, x) => s + x, 0) / sorted.length),
  };
}

/** Milliseconds one call of fn takes, and its value. */
export async function timed(fn) {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * Runs fn once cold (first touch, reported apart) and then `reps` warm times.
 * Returns { first, warm } with warm summarized.
 */
export async function measure(fn, reps) {
  const first = (await timed(fn)).ms;
  const samples = [];
  for (let i = 0; i < reps; i++) samples.push((await timed(fn)).ms);
  return { first: Math.round(first * 100) / 100, warm: summarize(samples) };
}

const round2 = (x) => (x === null ? null : Math.round(x * 100) / 100);

/**
 * The floor and Wren doing one operation, taking turns so that both see the same machine load
 * (the bench shares its cores): once each cold (first touch, reported apart), then `reps` warm
 * rounds. Each fn gets the round number (0 is the cold one); either may be null.
 * `pauseMs` waits before each timed call (untimed), for operations with after-effects.
 * `setup` ({ floor, wren }, each optional) runs untimed before each timed call, with the round;
 * what it returns is the timed fn's second argument (a fresh session, say).
 * Returns { floor, wren } summaries (null for a missing side) and firstTouch.
 */
export async function measurePair(floorFn, wrenFn, reps, { pauseMs = 0, setup = {}, wrenCpuMs = null } = {}) {
  const samples = { floor: [], wren: [] };
  const firstTouch = {};
  // With wrenCpuMs (() => Wren's CPU ms so far): Wren's CPU over its warm timed calls only.
  let cpu = 0;
  for (let round = 0; round <= reps; round++) {
    for (const [side, fn] of [['floor', floorFn], ['wren', wrenFn]]) {
      if (!fn) continue;
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const prepared = setup[side] ? await setup[side](round) : undefined;
      const cpuBefore = side === 'wren' && wrenCpuMs ? wrenCpuMs() : 0;
      const { ms, value: cleanUp } = await timed(() => fn(round, prepared));
      if (side === 'wren' && wrenCpuMs && round > 0) cpu += wrenCpuMs() - cpuBefore;
      // A function returned is the round's clean-up (a sign-out): run, but not timed.
      if (typeof cleanUp === 'function') await cleanUp();
      if (round === 0) firstTouch[side] = round2(ms);
      else samples[side].push(ms);
    }
  }
  return {
    floor: floorFn ? summarize(samples.floor) : null,
    wren: wrenFn ? summarize(samples.wren) : null,
    firstTouch,
    ...(wrenCpuMs && reps ? { wrenCpuMsPerCall: round2(cpu / reps) } : {}),
  };
}

/**
 * `fn()`, or a failure after `ms`; `onTimeout` runs then (it closes what `fn` waits on, so
 * nothing is left waiting behind the bench's back).
 */
export function withDeadline(fn, ms, what, onTimeout = () => {}) {
  let timer;
  return Promise.race([
    fn(),
    new Promise((_, reject) => {
      timer = setTimeout(() => {
        onTimeout();
        reject(new Error(`${what}: no answer within ${ms / 1000} s`));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
