import { describe, expect, it } from 'vitest';
import { compareCatalogs } from '../../scripts/lib/catalog-check.mjs';
import ar from './messages/ar.json';
import de from './messages/de.json';
import en from './messages/en.json';

describe('the catalog check', () => {
  const source = { a: { hello: 'Hello {name}', count: '{n, plural, one {# mail} other {# mails}}' }, bye: 'Bye' };

  it('passes a complete catalog', () => {
    expect(compareCatalogs(source, { a: { hello: 'Hallo {name}', count: '{n, plural, one {# Mail} other {# Mails}}' }, bye: 'Tschüss' })).toEqual([]);
  });

  it('names a missing key, an extra key, bad ICU and other arguments', () => {
    const problems = compareCatalogs(source, { a: { hello: 'Hallo {nom}', count: '{n, plural, one {# Mail}' }, extra: 'x' });
    expect(problems).toContain('missing key bye');
    expect(problems).toContain('extra key extra (not in the source language)');
    expect(problems.some((p) => p.startsWith('a.count: not valid ICU'))).toBe(true);
    expect(problems).toContain("a.hello: arguments {nom} differ from the source's {name}");
  });

  it('lets a partial catalog lack keys, not add them', () => {
    expect(compareCatalogs(source, { bye: 'وداعا' }, { partial: true })).toEqual([]);
    expect(compareCatalogs(source, { hi: 'x' }, { partial: true })).toEqual(['extra key hi (not in the source language)']);
  });

  it('finds the shipped catalogs complete: German strictly, Arabic partial', () => {
    expect(compareCatalogs(en, de)).toEqual([]);
    expect(compareCatalogs(en, ar, { partial: true })).toEqual([]);
  });
});
