import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The test stack's settings (written by scripts/test-stack.sh), for runners started by hand. */
export function loadStackEnv(root: string = process.cwd()): Record<string, string> {
  const file = join(process.env.WREN_STACK_DIR ?? join(root, '.wren/test'), 'stack.env');
  if (!existsSync(file)) throw new Error('No test stack: run `bash scripts/test-stack.sh start` first (npm test does).');
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}
