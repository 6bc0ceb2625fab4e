// The message catalogs' check (scripts/check-messages.mjs): every key of the source language in
// each complete language and no key it lacks, each message valid ICU, and the same arguments
// ({name}, {n, plural, ...}) as the source's. Pure: the unit test (lib/i18n/catalog-check.test.ts) calls it.
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';

/** Every leaf of a nested catalog as [dotted key, message]. */
export function flatten(tree, prefix = '') {
  const out = new Map();
  for (const [key, value] of Object.entries(tree ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** The argument names of an ICU message (plural and select branches included), or an error. */
export function argumentsOf(message) {
  if (typeof message !== 'string') return { error: 'not a string' };
  let ast;
  try {
    ast = parse(message, { ignoreTag: true });
  } catch (error) {
    return { error: `not valid ICU (${error.message})` };
  }
  const names = new Set();
  const walk = (nodes) => {
    for (const node of nodes) {
      if (node.type === TYPE.literal || node.type === TYPE.pound) continue;
      if ('value' in node && typeof node.value === 'string') names.add(node.value);
      if ('options' in node) for (const option of Object.values(node.options)) walk(option.value);
      if ('children' in node) walk(node.children);
    }
  };
  walk(ast);
  return { names: [...names].sort() };
}

/**
 * The problems of `catalog` against `source`: keys missing (unless `partial`), keys the source
 * lacks, messages that do not parse or whose arguments differ from the source's.
 */
export function compareCatalogs(source, catalog, { partial = false } = {}) {
  const want = flatten(source);
  const have = flatten(catalog);
  const problems = [];
  for (const key of want.keys()) if (!have.has(key) && !partial) problems.push(`missing key ${key}`);
  for (const [key, message] of have) {
    if (!want.has(key)) {
      problems.push(`extra key ${key} (not in the source language)`);
      continue;
    }
    const mine = argumentsOf(message);
    if (mine.error) {
      problems.push(`${key}: ${mine.error}`);
      continue;
    }
    const theirs = argumentsOf(want.get(key));
    if (!theirs.error && mine.names.join(',') !== theirs.names.join(',')) problems.push(`${key}: arguments {${mine.names.join(', ')}} differ from the source's {${theirs.names.join(', ')}}`);
  }
  return problems;
}
