import 'server-only';
import type { Locale } from '@/lib/i18n/config';
import { toErrorBody } from '../errors';
import { toLoggedAppError } from './error-response';

/**
 * A response body of one JSON line per event. An error after the first line cannot change the
 * status any more, so it becomes a last `{type:"error"}` line; a 500's cause stays in the log.
 * When the client goes away the generator is returned, which ends its work (finally blocks).
 */
export function toNdjsonStream<T>(
  first: IteratorResult<T>,
  rest: AsyncGenerator<T>,
  requestId: string,
  locale: Locale = 'en',
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const line = (value: unknown) => encoder.encode(`${JSON.stringify(value)}\n`);
  let pending: IteratorResult<T> | null = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await rest.next());
        pending = null;
        if (next.done) controller.close();
        else controller.enqueue(line(next.value));
      } catch (error) {
        const appError = toLoggedAppError(error, requestId);
        controller.enqueue(line({ type: 'error', ...toErrorBody(appError.code, appError.messageIn(locale)) }));
        controller.close();
      }
    },
    async cancel() {
      await rest.return(undefined);
    },
  });
}
