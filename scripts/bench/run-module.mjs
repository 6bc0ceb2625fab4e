// Runs one bench module against a Wren that is already running, without the whole harness:
// handy while working on a module or chasing one figure.
//
//   node scripts/bench/run-module.mjs scripts/bench/load.mjs target.json [--smoke]
//
// target.json holds what scripts/bench/run.mjs passes to run(target): wrenUrl, imapHost,
// imapPort, user, pass, folders { small, medium, large? }, wrenPid, reps, smoke, outDir, and for
// load.mjs loadUsers ([{ user, pass }] of scripts/bench/users.mjs, made in that Dovecot).
// Prints each result record as one line of JSON.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [modulePath, targetPath, ...flags] = process.argv.slice(2);
if (!modulePath || !targetPath) {
  console.error('usage: node scripts/bench/run-module.mjs <module.mjs> <target.json> [--smoke]');
  process.exit(2);
}
const target = { reps: 20, smoke: false, outDir: 'bench-results', ...JSON.parse(await readFile(targetPath, 'utf8')) };
if (flags.includes('--smoke')) target.smoke = true;

const started = performance.now();
const { run } = await import(pathToFileURL(path.resolve(modulePath)).href);
for (const record of await run(target)) console.log(JSON.stringify(record));
console.error(`${path.basename(modulePath)}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
