'use client';

import type { MessageDto } from '@/lib/types';
import { lazyModule } from '../ui/use-lazy-module';

// Messages fetched ahead of opening (#22): prefetch.ts, loaded when the user first moves in the
// list (a key, a focus, a click, the pointer resting on a row). Until then nothing is fetched.
export const engine = lazyModule(() => import('./prefetch'));
let list: string[] = [];
let opened: string | null = null;
let armed = false;

/**
 * What is wanted ahead: `next` (the cursor's row and the next ones; null: the user moved, the
 * same rows) and the row the pointer rests on, `hover`.
 */
export function wantAhead(next: string[] | null, hover = '') {
  list = next ?? list;
  armed ||= !next || !!hover;
  if (armed) void engine.load().then((m) => m.want(list, hover, opened), () => undefined);
}

/**
 * Message `id` opens (null: none is): its copy fetched ahead, if there is one, now the open
 * view's, shown with the list row's read state (`seen`, newer than the copy's).
 */
export function takeAhead(id: string | null, seen?: boolean): Promise<MessageDto> | null {
  opened = id;
  return engine.current?.take(id, seen) ?? null;
}
