// The JavaScript the mail view costs: every script a signed-in browser loads for /mail, gzipped.
//
// A fresh context (empty cache) that is already signed in opens /mail directly and waits until
// the network is quiet: what it fetched is what the mail view needs on its own. Nothing is
// clicked, so lazily loaded code (the composer) counts only if the mail view loads it itself.
// Sizes are each body gzipped here at zlib's default level, whatever the server sent, so the
// figure does not depend on the server's compression; the note says what the server sent.
import { gzipSync } from 'node:zlib';
import { withDeadline } from './stats.mjs';

const TARGET_KB = 150;

// Strings that survive minification and tell what a chunk mostly is (a hint for the reader).
const MARKERS = [
  ['ProseMirror', 'tiptap/ProseMirror (composer)'],
  ['__next_f', 'react-dom + Next client'],
  ['x-nextjs-', 'Next.js router'],
  ['discriminatedUnion', 'zod'],
  ['linkify', 'linkifyjs'],
  ['DOMPurify', 'dompurify'],
  ['getTotalSize', '@tanstack/react-virtual'],
  ['symbol-to-string-registry', 'core-js polyfills'],
  ['Folder tree', 'Wren UI'],
];

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

function describe(body) {
  const text = body.toString('latin1');
  const found = MARKERS.filter(([marker]) => text.includes(marker)).map(([, name]) => name);
  return found.length ? found.join(', ') : 'unknown';
}

/**
 * Closes a context, giving up after 30 s: in CI67 Chromium never answered a context's close after
 * a visit (Playwright's only pending call; no timer of its own waits on it), and the smoke run
 * hung; a full run on 2026-12-04 lost its whole browser part, Lighthouse included, to the same
 * close after the visits had been measured. What was measured in the context stands: the context
 * is left to the browser's own close (closeBrowser kills a browser that does not close). A browser
 * wedged for good fails the next step's newContext instead.
 */
export async function closeContext(context) {
  await withDeadline(() => context.close(), 30_000, 'browserContext.close').catch((error) => console.error(`  ${error.message}: the context is left to the browser's close`));
}

/** The mail view's scripts, in a new context of `browser` made with `contextOptions`. */
export async function measureMailViewScripts(browser, target, contextOptions) {
  const context = await browser.newContext(contextOptions);
  try {
    const signIn = await context.request.post(`${target.wrenUrl}/api/session`, {
      data: { username: target.user, password: target.pass },
      headers: { origin: target.wrenUrl },
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const page = await context.newPage();
    // By URL: a preloaded script and its <script> tag are one download.
    const responses = new Map();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') responses.set(response.url(), response);
    });
    await page.goto(`${target.wrenUrl}/mail`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(target.smoke ? 200 : 1000);

    const scripts = [];
    for (const response of responses.values()) {
      const body = await response.body();
      const sizes = await response.request().sizes();
      scripts.push({
        name: new URL(response.url()).pathname.split('/').pop(),
        raw: body.length,
        gzip: gzipSync(body).length,
        wire: sizes.responseBodySize,
        encoding: response.headers()['content-encoding'] ?? 'none',
        what: describe(body),
      });
    }
    const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).reduce((sum, s) => sum + s.text.length, 0));
    await page.evaluate(() => fetch('/api/session', { method: 'DELETE' }));

    const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
    const wire = scripts.reduce((sum, s) => sum + s.wire, 0);
    const encodings = [...new Set(scripts.map((s) => s.encoding))].join('/');
    const top = [...scripts].sort((a, b) => b.gzip - a.gzip).slice(0, 5);
    return [
      {
        op: 'browser: mail view JavaScript (gzipped)',
        value: kb(total),
        unit: 'KB',
        target: `< ${TARGET_KB} KB gzipped`,
        pass: kb(total) < TARGET_KB,
        note: [
          `${scripts.length} scripts, ${kb(scripts.reduce((s, x) => s + x.raw, 0))} KB raw; gzip -6 by the bench`,
          `server sent Content-Encoding ${encodings}, ${kb(wire)} KB on the wire`,
          `plus ${kb(inline)} KB of inline scripts in the HTML (RSC payload, not counted)`,
          `top 5: ${top.map((s) => `${s.name} ${kb(s.gzip)} KB (${s.what})`).join('; ')}`,
        ].join('; '),
      },
    ];
  } finally {
    await closeContext(context);
  }
}
