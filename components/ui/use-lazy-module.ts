'use client';

import { startTransition, useEffect, useState } from 'react';
import { whenIdle } from '@/lib/when-idle';

/**
 * A module fetched on first use and kept, for code the mail view does not need to paint: the
 * open message's content, the search parser. `load()` starts the fetch (or joins it; after a
 * failure, the next call tries again); `current` is the module once it is here.
 */
export interface LazyModule<T> {
  load: () => Promise<T>;
  readonly current: T | null;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let loaded: T | null = null;
  let pending: Promise<T> | null = null;
  return {
    load: () =>
      (pending ??= importer().then(
        (module) => (loaded = module),
        (error: unknown) => {
          pending = null;
          throw error;
        },
      )),
    get current() {
      return loaded;
    },
  };
}

/**
 * `module` once it is here, fetching it as soon as `wanted` (with `idle`, once the page is idle
 * after that); null until then. Its arrival renders in a transition: React renders it in slices
 * between other work, not as one blocking task (on a phone the touch module arrives right after
 * hydration and re-renders the whole mail view: one 50-80 ms task on a fast machine before, #22).
 */
export function useLazyModule<T>(module: LazyModule<T>, wanted: boolean, { idle = false } = {}): T | null {
  const [loaded, setLoaded] = useState<T | null>(() => module.current);
  useEffect(() => {
    if (loaded || !wanted) return;
    let live = true;
    const load = () =>
      void module.load().then(
        (m) => live && startTransition(() => setLoaded(() => m)),
        () => undefined, // offline: asked for again the next time it is wanted
      );
    // `idle`: wanted from the first render on, but not needed to paint it (whenIdle).
    const cancel = idle ? whenIdle(load) : (load(), undefined);
    return () => {
      live = false;
      cancel?.();
    };
  }, [module, wanted, loaded, idle]);
  return loaded ?? module.current;
}
