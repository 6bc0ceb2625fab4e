#!/usr/bin/env node
// Fails (exit 1) when a shipped language's catalog lacks a key of en.json or has one en.json
// lacks, or a message is not valid ICU or names other arguments than the English one. Complete
// languages are checked strictly; partial ones (lib/i18n/config.ts: PARTIAL_LOCALES, which fall
// back to English) only for extra keys and their messages. Keys used in code but missing from
// en.json fail `tsc` (next-intl's typed keys, next.config.ts). Run by `npm test` before lint.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCatalogs } from './lib/catalog-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'lib/i18n/messages');
const config = readFileSync(join(root, 'lib/i18n/config.ts'), 'utf8');
const listOf = (name) => [...(config.match(new RegExp(`${name}[^=]*=\\s*\\[([^\\]]*)\\]`))?.[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
const locales = listOf('export const LOCALES');
const partial = new Set(listOf('export const PARTIAL_LOCALES'));
const read = (locale) => JSON.parse(readFileSync(join(dir, `${locale}.json`), 'utf8'));

let failed = false;
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
for (const file of files) {
  if (!locales.includes(file)) {
    console.error(`lib/i18n/messages/${file}.json: not a language of lib/i18n/config.ts (LOCALES)`);
    failed = true;
  }
}
const source = read('en');
for (const locale of locales) {
  if (!files.includes(locale)) {
    console.error(`lib/i18n/messages/${locale}.json is missing`);
    failed = true;
    continue;
  }
  const problems = compareCatalogs(source, read(locale), { partial: partial.has(locale) });
  for (const problem of problems) console.error(`lib/i18n/messages/${locale}.json: ${problem}`);
  if (problems.length) failed = true;
  else console.log(`${locale}: ok${partial.has(locale) ? ' (partial: missing keys fall back to English)' : ''}`);
}
process.exit(failed ? 1 : 0);
