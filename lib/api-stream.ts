import { send } from './api-client';

// Apart from lib/api-client.ts: only the all-folder search reads a stream, and it is loaded
// when a search asks for it, so the mail view's first download does without this code.

/** An NDJSON answer, one parsed line at a time as it arrives (all-folder search). */
export async function* apiStream<T>(path: string, init: { signal?: AbortSignal } = {}): AsyncGenerator<T> {
  const res = await send(path, init);
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += value;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line) yield JSON.parse(line) as T;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
