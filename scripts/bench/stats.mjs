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
