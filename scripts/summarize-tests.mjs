// Sums every runner's results into the one closing line: "N passed, N failed".
// A runner that left no report counts as one failure, so a crash never reads as green.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
const rows = [];

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
  rows.push(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests + broken} failed`);
}

function playwright() {
  const file = join(dir, 'e2e.json');
  if (!existsSync(file)) {
    failed++;
    rows.push('e2e: no report (runner crashed or build failed)');
    return;
  }
  const { stats, errors = [] } = JSON.parse(readFileSync(file, 'utf8'));
  const ok = stats.expected + stats.flaky;
  const bad = stats.unexpected + (errors.length && !stats.unexpected ? 1 : 0);
  passed += ok;
  failed += bad;
  rows.push(`e2e: ${ok} passed, ${bad} failed${stats.flaky ? ` (${stats.flaky} flaky)` : ''}`);
}

vitest('unit');
vitest('integration');
playwright();
vitest('engines', 'runner crashed or build failed');

console.log('');
for (const row of rows) console.log(`  ${row}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
