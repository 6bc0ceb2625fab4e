// After `next build` with output 'standalone': copies the static files next to server.js, as
// Next's documentation says (its minimal server serves them from there; it does not copy them
// itself). `npm run build` runs it; so does the load-balancer spec before starting server.js.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const standalone = join(root, '.next/standalone');
if (!existsSync(join(standalone, 'server.js'))) {
  console.error('no .next/standalone/server.js: run next build first (next.config.ts sets output: standalone)');
  process.exit(1);
}
for (const [from, to] of [
  [join(root, '.next/static'), join(standalone, '.next/static')],
  [join(root, 'public'), join(standalone, 'public')],
]) {
  rmSync(to, { recursive: true, force: true });
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}

// Server chunks that file tracing does not follow: the sanitizer's worker thread is started by
// URL (server/mail/html/sanitize-pool.ts, next.config.ts's workerPublicPath), so webpack emits
// its chunk but the standalone copy leaves it out, and every HTML message would fail to open.
const chunks = join(root, '.next/server/chunks');
const copied = join(standalone, '.next/server/chunks');
for (const name of readdirSync(chunks)) {
  if (name.endsWith('.js') && !existsSync(join(copied, name))) cpSync(join(chunks, name), join(copied, name));
}
