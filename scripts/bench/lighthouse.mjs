// Phones (#22): Lighthouse 12 on the mail view, signed in, mobile form factor with Lighthouse's
// default throttling (simulated: a slow 4G link and a CPU 4x slower than this one, applied to a
// trace of the real load). Run by scripts/bench/browser.mjs; on its own:
//
//   node scripts/bench/run-module.mjs scripts/bench/lighthouse.mjs target.json [--smoke]
//
// Chromium is Debian's (as the other browser parts), started by chrome-launcher with the flags
// root needs. The bench user signs in through Wren's API in that browser's default context, so
// the session cookie is a real one; Lighthouse then opens /mail in a new tab of the same browser.
// Lighthouse clears the origin's storage and service workers before it loads, never its cookies.
// Each run is one page load; the full bench takes the median of three, the smoke run one (about
// 20-40 s on a 2-core machine). Scores never fail the run: only an error does. Each report is
// written whole to the bench's output directory (lighthouse-mail-<time>-<n>.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const TARGETS = { performance: 95, accessibility: 100 };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

/** Signs the bench user in inside the launched browser (its default context keeps the cookie). */
async function signIn(port, target) {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
  try {
    const page = await browser.newPage();
    await page.goto(`${target.wrenUrl}/login`, { waitUntil: 'load' });
    const status = await page.evaluate(
      async ([username, password]) => (await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).status,
      [target.user, target.pass],
    );
    if (status !== 200) throw new Error(`sign-in in the Lighthouse browser failed: ${status}`);
    await page.close();
  } finally {
    await browser.disconnect();
  }
}

/** One Lighthouse run of /mail; the figures of its report. */
async function audit(port, target, i) {
  const result = await lighthouse(`${target.wrenUrl}/mail`, { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
  const lhr = result?.lhr;
  if (!lhr) throw new Error('Lighthouse returned no report');
  // The whole report beside the bench's JSON (open it in https://googlechrome.github.io/lighthouse/viewer/).
  if (target.outDir) {
    mkdirSync(target.outDir, { recursive: true });
    writeFileSync(path.join(target.outDir, `lighthouse-mail-${lhr.fetchTime.replace(/[:.]/g, '-')}-${i + 1}.json`), result.report);
  }
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  if (new URL(lhr.finalDisplayedUrl).pathname !== '/mail') throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not /mail (signed out?)`);
  const score = (id) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
  // What fell short, for the note: each failing audit of the categories asked for.
  const failing = [];
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id].auditRefs) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative') failing.push(`${ref.id} ${Math.round(a.score * 100)}`);
    }
  }
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcp: lhr.audits['largest-contentful-paint'].numericValue,
    tbt: lhr.audits['total-blocking-time'].numericValue,
    fcp: lhr.audits['first-contentful-paint'].numericValue,
    // Lighthouse's own measure of this machine's speed at the time (higher is faster): the
    // simulated CPU is 4x slower than what it measured, so a busy machine reads as a slow page.
    benchmarkIndex: lhr.environment.benchmarkIndex,
    failing,
  };
}

export async function run(target) {
  const runs = target.smoke ? 1 : 3;
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  const results = [];
  try {
    await signIn(chrome.port, target);
    for (let i = 0; i < runs; i++) results.push(await audit(chrome.port, target, i));
    // Leave no session behind in Wren.
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
    const page = await browser.newPage();
    await page.goto(`${target.wrenUrl}/login`).catch(() => undefined);
    await page.evaluate(() => fetch('/api/session', { method: 'DELETE' })).catch(() => undefined);
    await browser.disconnect();
  } finally {
    await chrome.kill();
  }
  const of = (key) => results.map((r) => r[key]);
  const all = (key) => of(key).map((v) => Math.round(v)).join(', ');
  const each = `${runs} run${runs > 1 ? 's' : ''} (median; each: ${'%s'})`;
  const failing = [...new Set(results.flatMap((r) => r.failing))];
  const perf = median(of('performance'));
  const a11y = median(of('accessibility'));
  return [
    {
      op: 'lighthouse /mail (mobile): Performance',
      value: perf,
      unit: 'score',
      target: `>= ${TARGETS.performance}`,
      pass: perf >= TARGETS.performance,
      note: `${each.replace('%s', all('performance'))}; signed in, Lighthouse 12 defaults (simulated slow 4G, 4x CPU); machine benchmarkIndex ${all('benchmarkIndex')}${failing.length ? `; below 90: ${failing.join(', ')}` : ''}`,
    },
    { op: 'lighthouse /mail (mobile): Accessibility', value: a11y, unit: 'score', target: `= ${TARGETS.accessibility}`, pass: a11y >= TARGETS.accessibility, note: each.replace('%s', all('accessibility')) },
    { op: 'lighthouse /mail (mobile): Best Practices', value: median(of('bestPractices')), unit: 'score', note: each.replace('%s', all('bestPractices')) },
    { op: 'lighthouse /mail (mobile): LCP', value: Math.round(median(of('lcp'))), unit: 'ms', note: `${each.replace('%s', all('lcp'))}; FCP ${Math.round(median(of('fcp')))} ms` },
    { op: 'lighthouse /mail (mobile): Total Blocking Time', value: Math.round(median(of('tbt'))), unit: 'ms', note: each.replace('%s', all('tbt')) },
  ];
}
