import { expect } from 'vitest';
import * as eventsRoute from '@/app/api/events/route';
import type { LiveEventDto } from '@/lib/types';

export interface ReceivedEvent {
  id: string | null;
  event: LiveEventDto;
  at: number;
}

/** An open event stream (GET /api/events) of the session in `cookie` for `folder`, parsed as it arrives. */
export async function openEventStream(cookie: string, folder: string, lastEventId?: string) {
  const controller = new AbortController();
  const headers = new Headers({ host: 'wren.test', cookie });
  if (lastEventId) headers.set('last-event-id', lastEventId);
  const req = new Request(`http://wren.test/api/events?folder=${encodeURIComponent(folder)}`, { headers, signal: controller.signal });
  const res = await eventsRoute.GET(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  const received: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const data = lines.find((l) => l.startsWith('data: '));
          const id = lines.find((l) => l.startsWith('id: '));
          if (data) received.push({ id: id ? id.slice(4) : null, event: JSON.parse(data.slice(6)), at: Date.now() });
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted
    }
  })();
  /** The first event at or after `since` (ms) that `match`es, waited for (no sleeping) at most `timeout` ms. */
  const waitFor = (match: (e: LiveEventDto) => boolean, timeout = 3000, since = 0) =>
    new Promise<ReceivedEvent>((resolve, reject) => {
      const check = () => {
        const found = received.find((r) => r.at >= since && match(r.event));
        if (!found) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${folder}: no matching event in ${timeout} ms; got ${JSON.stringify(received.map((r) => r.event))}`));
      }, timeout);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return { folder, headers: res.headers, received, waitFor, close: () => controller.abort() };
}
