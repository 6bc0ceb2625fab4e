import { describe, expect, it } from 'vitest';
import { describeNode, formatNode, MAX_QUERY_LENGTH, parseQuery, toChips, type QueryNode } from './search-query';

function ast(text: string): QueryNode {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(`"${text}" did not parse: ${result.error.message} at ${result.error.position}`);
  return result.ast;
}

function error(text: string) {
  const result = parseQuery(text);
  if (result.ok) throw new Error(`"${text}" parsed`);
  return { message: result.error.message, position: result.error.position };
}

const text = (value: string): QueryNode => ({ kind: 'text', value });

describe('parseQuery – terms', () => {
  it('bare words and phrases search the whole text, non-ASCII included', () => {
    expect(ast('quokka')).toEqual(text('quokka'));
    expect(ast('"team lunch"')).toEqual(text('team lunch'));
    expect(ast('Grüße déjà 日本語')).toEqual({ kind: 'and', children: [text('Grüße'), text('déjà'), text('日本語')] });
    expect(ast('e-mail 10:30 or')).toEqual({ kind: 'and', children: [text('e-mail'), text('10:30'), text('or')] });
  });

  it('an empty or blank query is an AND of nothing', () => {
    expect(ast('')).toEqual({ kind: 'and', children: [] });
    expect(ast('  \t ')).toEqual({ kind: 'and', children: [] });
  });

  it('from:, to:, cc:, bcc:, subject:, body: take a word or a quoted phrase', () => {
    for (const field of ['from', 'to', 'cc', 'bcc', 'subject', 'body'] as const) {
      expect(ast(`${field}:olivia`)).toEqual({ kind: 'field', field, value: 'olivia' });
      expect(ast(`${field}:"Olivia Plain"`)).toEqual({ kind: 'field', field, value: 'Olivia Plain' });
    }
    expect(ast('From:olivia@example.org')).toEqual({ kind: 'field', field: 'from', value: 'olivia@example.org' });
    expect(ast('subject:Café')).toEqual({ kind: 'field', field: 'subject', value: 'Café' });
  });

  it('is: and has: values, case-insensitive', () => {
    expect(['is:unread', 'is:read', 'is:flagged', 'IS:Answered'].map(ast)).toEqual([
      { kind: 'is', flag: 'unread' },
      { kind: 'is', flag: 'read' },
      { kind: 'is', flag: 'flagged' },
      { kind: 'is', flag: 'answered' },
    ]);
    expect(ast('has:attachment')).toEqual({ kind: 'has', what: 'attachment' });
  });

  it('before:, after:, on: take a real YYYY-MM-DD date', () => {
    expect(ast('before:2024-03-03')).toEqual({ kind: 'date', op: 'before', date: '2024-03-03' });
    expect(ast('after:2024-02-29')).toEqual({ kind: 'date', op: 'after', date: '2024-02-29' });
    expect(ast('on:2024-12-31')).toEqual({ kind: 'date', op: 'on', date: '2024-12-31' });
  });

  it('older_than: and newer_than: take a count of d, w, m or y', () => {
    expect(['older_than:7d', 'newer_than:3w', 'older_than:2M', 'newer_than:1y'].map(ast)).toEqual([
      { kind: 'age', op: 'older_than', amount: 7, unit: 'd' },
      { kind: 'age', op: 'newer_than', amount: 3, unit: 'w' },
      { kind: 'age', op: 'older_than', amount: 2, unit: 'm' },
      { kind: 'age', op: 'newer_than', amount: 1, unit: 'y' },
    ]);
  });

  it('larger: and smaller: take bytes or K, M, G (powers of 1024)', () => {
    const bytes = (q: string) => (ast(q) as { bytes: number }).bytes;
    expect(bytes('larger:1500')).toBe(1500);
    expect(bytes('smaller:100K')).toBe(102_400);
    expect(bytes('larger:5M')).toBe(5 * 1024 * 1024);
    expect(bytes('larger:2g')).toBe(2 * 1024 ** 3);
    expect(ast('smaller:1k')).toEqual({ kind: 'size', op: 'smaller', bytes: 1024 });
  });
});

describe('parseQuery – structure', () => {
  it('terms side by side are ANDed', () => {
    expect(ast('from:olivia is:unread')).toEqual({
      kind: 'and',
      children: [{ kind: 'field', field: 'from', value: 'olivia' }, { kind: 'is', flag: 'unread' }],
    });
  });

  it('OR binds tighter than the implicit AND, and chains into one node', () => {
    expect(ast('a b OR c OR d e')).toEqual({
      kind: 'and',
      children: [text('a'), { kind: 'or', children: [text('b'), text('c'), text('d')] }, text('e')],
    });
  });

  it('parentheses group; a lone group is its content', () => {
    expect(ast('(a OR b) c')).toEqual({ kind: 'and', children: [{ kind: 'or', children: [text('a'), text('b')] }, text('c')] });
    expect(ast('a OR (b c)')).toEqual({ kind: 'or', children: [text('a'), { kind: 'and', children: [text('b'), text('c')] }] });
    expect(ast('((quokka))')).toEqual(text('quokka'));
  });

  it('- negates a term, a phrase, an operator or a group', () => {
    expect(ast('-quokka')).toEqual({ kind: 'not', child: text('quokka') });
    expect(ast('-"team lunch"')).toEqual({ kind: 'not', child: text('team lunch') });
    expect(ast('-is:unread')).toEqual({ kind: 'not', child: { kind: 'is', flag: 'unread' } });
    expect(ast('-(a OR b)')).toEqual({ kind: 'not', child: { kind: 'or', children: [text('a'), text('b')] } });
  });

  it('only an uppercase standalone OR is the keyword', () => {
    expect(ast('"OR"')).toEqual(text('OR'));
    expect(ast('a or b')).toEqual({ kind: 'and', children: [text('a'), text('or'), text('b')] });
  });

  it('a query of exactly MAX_QUERY_LENGTH characters is accepted', () => {
    expect(parseQuery('x'.repeat(MAX_QUERY_LENGTH)).ok).toBe(true);
  });
});

describe('parseQuery – errors name the problem and its 0-based position', () => {
  it.each([
    ['x'.repeat(MAX_QUERY_LENGTH + 1), 'Query is too long', 500],
    ['from:olivia foo:bar', 'Unknown operator "foo:" (put the text in quotes to search for it)', 12],
    ['see https://example.org', 'Unknown operator "https:" (put the text in quotes to search for it)', 4],
    ['before:2024-02-30', 'Invalid date "2024-02-30" for before:: use YYYY-MM-DD', 7],
    ['a after:03/01/2024', 'Invalid date "03/01/2024" for after:: use YYYY-MM-DD', 8],
    ['on:1850-01-01', 'Invalid date "1850-01-01" for on:: use YYYY-MM-DD', 3],
    ['larger:5X', 'Invalid size "5X" for larger:: use bytes or a number with K, M or G, up to 4G', 7],
    ['smaller:0', 'Invalid size "0" for smaller:: use bytes or a number with K, M or G, up to 4G', 8],
    ['larger:5G', 'Invalid size "5G" for larger:: use bytes or a number with K, M or G, up to 4G', 7],
    ['older_than:7x', 'Invalid period "7x" for older_than: use a number and d, w, m or y, like 7d', 11],
    ['is:starred', 'Unknown value "starred" for is: use unread, read, flagged or answered', 3],
    ['has:pdf', 'Unknown value "pdf" for has: use attachment', 4],
    ['from: olivia', 'from: needs a value', 0],
    ['a (b c', 'Unclosed parenthesis', 2],
    ['a b) c', 'Unmatched closing parenthesis', 3],
    [')', 'Unmatched closing parenthesis', 0],
    ['a "team lunch', 'Unclosed quote', 2],
    ['subject:"team', 'Unclosed quote', 8],
    ['a ""', 'Empty quotes', 2],
    ['OR a', 'OR needs a term on both sides', 0],
    ['a OR', 'OR needs a term on both sides', 2],
    ['a OR OR b', 'OR needs a term on both sides', 2],
    ['(a OR) b', 'OR needs a term on both sides', 3],
    ['a () b', 'Empty parentheses', 2],
    ['a - b', 'Nothing to exclude after "-"', 2],
    ['a -', 'Nothing to exclude after "-"', 2],
    ['a\nb', 'Control characters are not allowed', 1],
    ['Grüße foo:bar', 'Unknown operator "foo:" (put the text in quotes to search for it)', 6],
  ])('%j -> %s at %i', (query, message, position) => {
    expect(error(query)).toEqual({ message, position });
  });
});

describe('chips', () => {
  it('one chip per top-level AND term, with a label and the text that stands for it', () => {
    expect(toChips(ast('from:"Olivia Plain" is:unread -has:attachment (a OR b) larger:5M'))).toEqual([
      { label: 'From: Olivia Plain', text: 'from:"Olivia Plain"' },
      { label: 'Unread', text: 'is:unread' },
      { label: 'Not Has attachment', text: '-has:attachment' },
      { label: '“a” or “b”', text: 'a OR b' },
      { label: 'Larger than 5 MB', text: 'larger:5M' },
    ]);
    expect(toChips(ast(''))).toEqual([]);
    expect(toChips(ast('quokka'))).toEqual([{ label: '“quokka”', text: 'quokka' }]);
  });

  it('labels for dates, ages and sizes', () => {
    expect(['before:2024-03-01', 'after:2024-03-01', 'on:2024-03-01', 'older_than:1w', 'newer_than:2m', 'smaller:1500'].map((q) => describeNode(ast(q)))).toEqual([
      'Before 2024-03-01',
      'After 2024-03-01',
      'On 2024-03-01',
      'Older than 1 week',
      'Newer than 2 months',
      'Smaller than 1500 bytes',
    ]);
  });

  it('removing a chip: the other chips joined by spaces parse to the remaining terms', () => {
    const query = 'from:olivia "a b" -(x OR to:"z w") (c OR d) OR e "-f" "OR" subject:"x:y" larger:1536 older_than:3w';
    const parsed = ast(query) as Extract<QueryNode, { kind: 'and' }>;
    const chips = toChips(parsed);
    expect(ast(chips.map((c) => c.text).join(' '))).toEqual(parsed);
    const withoutSecond = chips.filter((_, i) => i !== 1).map((c) => c.text).join(' ');
    expect(ast(withoutSecond)).toEqual({ kind: 'and', children: parsed.children.filter((_, i) => i !== 1) });
  });

  it('formatNode quotes what would otherwise parse differently', () => {
    expect(formatNode(text('-f'))).toBe('"-f"');
    expect(formatNode(text('OR'))).toBe('"OR"');
    expect(formatNode(text('a:b'))).toBe('"a:b"');
    expect(formatNode({ kind: 'or', children: [{ kind: 'or', children: [text('a'), text('b')] }, text('c')] })).toBe('(a OR b) OR c');
  });
});
