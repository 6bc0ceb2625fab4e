import 'server-only';

/**
 * One value per process, kept on globalThis under `Symbol.for('wren.<name>')`: dev hot reload
 * and Next's several module graphs then share it (the pool, the session store, live hubs...).
 */
export function processGlobal<T>(name: string, create: () => T): T {
  const g = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`wren.${name}`);
  return (g[key] ??= create());
}
