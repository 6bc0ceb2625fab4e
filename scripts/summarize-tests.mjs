// Sums every runner's results into the one closing line: "N passed, N failed".
// A runner that left no report counts as one failure, so a crash never reads as green.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
const rows = [];
const named = [];

for (const line of readFileSync(join(dir, 'checks.txt'), 'utf8').split('\n').filter(Boolean)) {
  const [result, name] = line.split(' ');
  if (result === 'pass') passed++;
  else failed++;
  rows.push(`${name}: ${result}`);
}

function vitest(name, absent = 'runner crashed') {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) {
    failed++;
    rows.push(`${name}: no report (${absent})`);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const broken = report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  passed += report.numPassedTests;
  failed += report.numFailedTests + broken;
  for (const file of report.testResults) {
    const where = file.name.replace(`${process.cwd()}/`, '');
    if (file.status === 'failed' && file.assertionResults.length === 0) named.push(`failed: ${name} › ${where} (did not load: ${String(file.message ?? '').split('\n')[0].slice(0, 160)})`);
    for (const a of file.assertionResults) {
      if (a.status === 'failed') named.push(`failed: ${name} › ${where} › ${a.fullName}${a.failureMessages?.length ? `\n    ${errorHead(a.failureMessages[0])}` : ''}`);
    }
  }
  rows.push(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests + broken} failed`);
}

/** An error's first three non-empty lines, colour codes dropped, on one line of at most 300 characters. */
function errorHead(message) {
  const lines = String(message).replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.slice(0, 3).join(' | ').slice(0, 300);
}

/** Each test of a Playwright JSON report with its final outcome ("expected", "unexpected", "flaky", "skipped"). */
function playwrightTests(report) {
  const tests = [];
  const walk = (suite, file) => {
    for (const child of suite.suites ?? []) walk(child, child.file ?? file);
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        // The start of each failed attempt's error (the same one once): what a refusal shows of why.
        const why = [...new Set((t.results ?? []).filter((r) => r.error?.message).map((r) => errorHead(r.error.message) + (r.error.location ? ` (line ${r.error.location.line})` : '')))];
        tests.push({ project: t.projectName, title: `${t.projectName} › ${spec.file ?? file} › ${spec.title}`, status: t.status, why });
      }
    }
  };
  walk(report);
  return tests;
}

// Playwright's reports: the parallel projects, then the serial ones (scripts/test.sh), whose run
// signs its users in again (the setup project): those repeats are not counted twice, unless they
// fail. A test that did not run (a dependency failed, a run stopped) counts as failed: the suite
// has no skips. Failed and flaky tests are named, so the output's tail says which.
function playwright(name, repeated = []) {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) {
    failed++;
    rows.push(`${name}: no report (runner crashed or build failed)`);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const tests = playwrightTests(report).filter((t) => !repeated.includes(t.project) || t.status !== 'expected');
  const count = (status) => tests.filter((t) => t.status === status).length;
  const errors = report.errors ?? [];
  const [expected, flaky, unexpected, skipped] = ['expected', 'flaky', 'unexpected', 'skipped'].map(count);
  const ok = expected + flaky;
  const bad = unexpected + skipped + (errors.length && !unexpected ? 1 : 0);
  passed += ok;
  failed += bad;
  const notes = [flaky && `${flaky} flaky`, skipped && `${skipped} did not run`].filter(Boolean).join(', ');
  rows.push(`${name}: ${ok} passed, ${bad} failed${notes ? ` (${notes})` : ''}`);
  for (const t of tests) {
    const why = t.why.map((w) => `\n    ${w}`).join('');
    if (t.status === 'unexpected') named.push(`failed: ${t.title}${why}`);
    else if (t.status === 'flaky') named.push(`flaky (passed on its retry): ${t.title}${why}`);
    else if (t.status === 'skipped') named.push(`did not run: ${t.title}`);
  }
  for (const e of errors) named.push(`error: ${String(e.message ?? e).split('\n')[0].slice(0, 200)}`);
}

/**
 * The bench's smoke run (a check, not a test report): its errors, and the steps that passed only
 * on their retry, from its JSON (scripts/bench/run.mjs); if it left none, the end of its log.
 */
function benchSmoke() {
  const results = join(dir, 'bench');
  const files = existsSync(results) ? readdirSync(results).filter((f) => /^\d{4}-.*Z\.json$/.test(f)).sort() : [];
  const failedCheck = rows.includes('bench-smoke: fail');
  if (!files.length) {
    if (failedCheck && existsSync(join(dir, 'bench-smoke.log'))) {
      for (const line of readFileSync(join(dir, 'bench-smoke.log'), 'utf8').trimEnd().split('\n').slice(-8)) named.push(`bench-smoke: ${line.slice(0, 200)}`);
    }
    return;
  }
  const { records } = JSON.parse(readFileSync(join(results, files.at(-1)), 'utf8'));
  for (const r of records) {
    const where = `bench-smoke › ${r.op}${r.mailbox ? ` (${r.mailbox})` : ''}`;
    if (r.error) named.push(`failed: ${where}: ${String(r.error).slice(0, 200)}`);
    if (r.flaky) named.push(`flaky (passed on its retry): ${where}: ${String(r.flaky).slice(0, 200)}`);
  }
}

benchSmoke();
vitest('unit');
for (const lane of ['alone', 'shared', 'own']) vitest(`integration-${lane}`);
playwright('e2e');
playwright('e2e-serial', ['setup']);
vitest('engines', 'runner crashed or build failed');

console.log('');
for (const line of named.slice(0, 40)) console.log(`  ${line}`);
for (const row of rows) console.log(`  ${row}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
