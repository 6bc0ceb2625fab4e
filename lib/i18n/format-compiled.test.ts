import compile from 'icu-minify/compile';
import format from 'icu-minify/format';
import { describe, expect, it } from 'vitest';
import { formatCompiled } from './format-compiled';
import ar from './messages/ar.json';
import de from './messages/de.json';
import en from './messages/en.json';

const formatters = {
  getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
  getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args),
};

type Tree = { [key: string]: Tree | string };
function* messages(tree: Tree, path = ''): Generator<[string, string]> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') yield [`${path}${key}`, value];
    else yield* messages(value, `${path}${key}.`);
  }
}

/** Every set of values that reaches each branch: the arguments a compiled message names, tried with several values each. */
function valueSets(compiled: unknown): Array<Record<string, unknown>> {
  const choices = new Map<string, unknown[]>();
  const walk = (n: unknown) => {
    if (!Array.isArray(n)) return;
    const [name, type, options] = n as [unknown, unknown, unknown];
    if (typeof name !== 'string') return n.forEach(walk);
    if (type === undefined) choices.set(name, ['Ann', 42]);
    else if (typeof type !== 'number' || type === 0) {
      choices.set(name, [(chunks: unknown[]) => `<${name}>${chunks.join('')}</${name}>`]);
      n.slice(1).forEach(walk);
    } else if (type === 1) {
      choices.set(name, [...Object.keys(options as object), 'something-else']);
      Object.values(options as object).forEach(walk);
    } else if (type === 4) choices.set(name, [0, 1234.5]);
    else {
      choices.set(name, [0, 1, 2, 3, 5, 11, 21, 100, 1000]);
      Object.values(options as object).forEach(walk);
    }
  };
  walk(compiled);
  let sets: Array<Record<string, unknown>> = [{}];
  for (const [name, options] of choices) sets = sets.flatMap((set) => options.map((value) => ({ ...set, [name]: value })));
  return sets.slice(0, 200);
}

describe('formatCompiled gives icu-minify format’s answer', () => {
  for (const [locale, catalog] of [['en', en], ['de', de], ['ar', ar]] as Array<[string, Tree]>) {
    it(`for every message of ${locale}.json, with values reaching every branch`, () => {
      let checked = 0;
      for (const [key, source] of messages(catalog)) {
        const compiled = compile(source);
        for (const values of valueSets(compiled)) {
          const expected = format(compiled as never, locale, values as never, { formatters, timeZone: 'UTC' });
          expect(formatCompiled(compiled, locale, values), `${locale} ${key} ${JSON.stringify(values)}`).toEqual(expected);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
    });
  }
});
