import compile from 'icu-minify/compile';
import { describe, expect, it } from 'vitest';
import { chipWordsFrom, parseQuery, toChips, type QueryNode } from '../search-query';
import { formatCompiled } from './format-compiled';
import english from './messages/en.json';
import german from './messages/de.json';

type Catalog = { mail: { search: Record<'query' | 'chips', Record<string, string>> } };
const en = english as unknown as Catalog;
const de = german as unknown as Catalog;
type Words = (key: string, values?: object) => string;

/** A namespace's words as the browser formats them (precompiled, lib/i18n/format-compiled.ts). */
function translator(messages: Catalog, namespace: 'query' | 'chips'): Words {
  const locale = messages === en ? 'en' : 'de';
  return (key, values = {}) => String(formatCompiled(compile(messages.mail.search[namespace][key]), locale, values as Record<string, unknown>));
}

// The search's words come from the catalogs in the UI (components/search/SearchChips.tsx,
// SearchBox.tsx) and on the server (server/mail/search.ts): the English catalog says what the
// parser says, and German says it in German.

const BAD_QUERIES = ['x'.repeat(501), 'from:olivia foo:bar', 'before:2024-02-30', 'larger:5X', 'older_than:7x', 'is:starred', 'has:pdf', 'from: olivia', 'a (b c', 'a b) c', 'a "team', 'a ""', 'OR a', 'a () b', 'a - b', 'a\nb'];

function problem(query: string) {
  const result = parseQuery(query);
  if (result.ok) throw new Error(`"${query}" parsed`);
  return result.error;
}

const chipWords = (messages: Catalog) => chipWordsFrom(translator(messages, 'chips'));

function ast(query: string): QueryNode {
  const result = parseQuery(query);
  if (!result.ok) throw new Error(result.error.message);
  return result.ast;
}

const CHIPS = 'from:"Olivia Plain" is:unread -has:attachment (a OR b) larger:5M smaller:1500 older_than:1w newer_than:2m before:2024-03-01 quokka';

describe('the search words in the catalogs', () => {
  it.each(BAD_QUERIES)('%j: en.json words the problem as the parser does', (query) => {
    const { code, values, message } = problem(query);
    const t = translator(en, 'query');
    expect(t(code, values)).toBe(message);
  });

  it('de.json words every problem in German', () => {
    const t = translator(de, 'query');
    expect(t(problem('from:olivia foo:bar').code, problem('from:olivia foo:bar').values)).toBe('Unbekannter Operator "foo:" (den Text in Anführungszeichen setzen, um danach zu suchen)');
    for (const query of BAD_QUERIES) expect(t(problem(query).code, problem(query).values)).not.toBe(problem(query).message);
  });

  it('chips: en.json gives the parser’s English labels, de.json German ones', () => {
    expect(toChips(ast(CHIPS), chipWords(en))).toEqual(toChips(ast(CHIPS)));
    expect(toChips(ast(CHIPS), chipWords(de)).map((chip) => chip.label)).toEqual([
      'Von: Olivia Plain',
      'Ungelesen',
      'Nicht Mit Anhang',
      '„a“ oder „b“',
      'Größer als 5 MB',
      'Kleiner als 1500 Bytes',
      'Älter als 1 Woche',
      'Neuer als 2 Monate',
      'Vor dem 2024-03-01',
      '„quokka“',
    ]);
  });
});
