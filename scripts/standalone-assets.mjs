// After `next build` with output 'standalone': copies the static files next to server.js, as
// Next's documentation says (its minimal server serves them from there; it does not copy them
// itself). `npm run build` runs it; so does the load-balancer spec before starting server.js.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';

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

// A gzipped copy beside each script, style and SVG of the build's static files, made once here:
// nginx sends it as it is (deploy/nginx/wren.conf, gzip_static) where Next would gzip the file again
// for every browser that fetches it (docs/DEPLOY.md). The service worker precaches by name and
// never takes the copies (server/service-worker.ts).
const COMPRESSED = /\.(js|css|svg|json|txt)$/;
function gzipUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) gzipUnder(path);
    else if (COMPRESSED.test(entry.name)) {
      const body = readFileSync(path);
      if (body.length >= 1024) writeFileSync(`${path}.gz`, gzipSync(body, { level: constants.Z_BEST_COMPRESSION }));
    }
  }
}
gzipUnder(join(standalone, '.next/static'));

// Server chunks that file tracing does not follow: the sanitizer's worker thread is started by
// URL (server/mail/html/sanitize-pool.ts, next.config.ts's workerPublicPath), so webpack emits
// its chunk but the standalone copy leaves it out, and every HTML message would fail to open.
const chunks = join(root, '.next/server/chunks');
const copied = join(standalone, '.next/server/chunks');
for (const name of readdirSync(chunks)) {
  if (name.endsWith('.js') && !existsSync(join(copied, name))) cpSync(join(chunks, name), join(copied, name));
}
