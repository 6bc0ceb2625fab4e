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

const state = () => processGlobal<State>('stream-gc', () => ({ gc: exposeGc(), streamed: 0 }));

/**
 * Tells that a long-running stream handed on `bytes`, and runs a minor collection (about 1 ms)
 * every 2 MB streamed process-wide. Streaming mail from IMAP leaves Buffers behind in V8's young
 * generation (imapflow's socket reads and the literals it assembles), and a slow download makes
 * little else, so V8 lets them pile up for seconds before it collects them: Wren's memory would
 * grow with each slow download. Short streams need no help. The figures are in
 * docs/PERFORMANCE.md ("Attachments and memory").
 */
export function collectStreamGarbage(bytes: number): void {
  const s = state();
  if (!s.gc) return;
  s.streamed += bytes;
  if (s.streamed < COLLECT_EVERY_BYTES) return;
  s.streamed = 0;
  s.gc({ type: 'minor' });
}
