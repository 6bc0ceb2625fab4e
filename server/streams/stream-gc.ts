import 'server-only';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { processGlobal } from '../process-global';

/** A minor collection after this much streamed by long-running streams, process-wide. */
export const COLLECT_EVERY_BYTES = 2 * 1024 * 1024;

type MinorGc = (options: { type: 'minor' }) => void;

interface State {
  gc: MinorGc | null;
  streamed: number;
}

/** V8's gc(), which `--expose-gc` puts in contexts created after it is set; null if refused. */
function exposeGc(): MinorGc | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as MinorGc) : null;
  } catch {
    return null;
  }
}

const state = () => processGlobal<State>('young-garbage', () => ({ gc: exposeGc(), streamed: 0 }));

/**
 * Tells that a long-running stream handed on `bytes`. Each byte of mail streamed from IMAP
 * leaves about two bytes of Buffers behind (imapflow's socket reads and the literal it
 * assembles from them), in V8's young generation. V8 collects that generation when its
 * objects fill it (up to 16 MB per semi-space once Wren has been busy) or when 32 MB of young
 * Buffers pile up, whichever comes first, and a stream that lasts (a 25 MB attachment read at
 * 1 MB/s) makes little else: Wren grew by 30 MB per slow download. A minor collection every
 * 2 MB streamed (about 1 ms each, measured) keeps it near 10 MB. Not for short streams: V8's
 * own collections keep up with a download that ends within a second.
 */
export function streamedGarbage(bytes: number): void {
  const s = state();
  if (!s.gc) return;
  s.streamed += bytes;
  if (s.streamed < COLLECT_EVERY_BYTES) return;
  s.streamed = 0;
  s.gc({ type: 'minor' });
}
