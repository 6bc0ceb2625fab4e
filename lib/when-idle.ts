/**
 * Runs `work` once the main thread is idle (at the latest after `timeout` ms), in a task of its
 * own; returns what cancels it. For work that can wait for the page's first tasks: on a phone a
 * fetch or a script started in the mount's effects lengthens the hydration's commit, which is
 * one of the page's long tasks (#22, docs/PERFORMANCE.md).
 */
export function whenIdle(work: () => void, timeout = 2_000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
}
