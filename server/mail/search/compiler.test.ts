import { describe, expect, it } from 'vitest';
import type { ImapFlow, SearchObject } from 'imapflow';
import { searchCompiler } from 'imapflow/lib/search-compiler';
import compileCommand from 'imapflow/lib/handler/imap-compiler';
import { parseQuery } from '@/lib/search-query';
import { compileQuery } from './compiler';

const now = new Date('2024-03-31T15:45:00.000Z');

function compile(query: string): SearchObject {
  const result = parseQuery(query);
  if (!result.ok) throw new Error(result.error.message);
  return compileQuery(result.ast, now);
}

/** What imapflow would put on the wire for the query, on a server without WITHIN. */
function wire(query: string): string {
  const connection = { capabilities: new Map(), enabled: new Set() } as unknown as ImapFlow;
  const attributes = searchCompiler(connection, compile(query));
  const parts = compileCommand({ tag: 'A', command: 'UID SEARCH', attributes }, { asArray: true });
  return Buffer.concat(parts).toString('utf8').replace(/^A UID SEARCH /, '');
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('compileQuery – one term', () => {
  it('words and phrases -> text; body -> body; address and subject fields -> their keys', () => {
    expect(compile('quokka')).toEqual({ text: 'quokka' });
    expect(compile('"team lunch"')).toEqual({ text: 'team lunch' });
    expect(compile('body:marmalade')).toEqual({ body: 'marmalade' });
    for (const field of ['from', 'to', 'cc', 'bcc', 'subject']) {
      expect(compile(`${field}:"Olivia Plain"`)).toEqual({ [field]: 'Olivia Plain' });
    }
  });

  it('is: -> flag keys', () => {
    expect(compile('is:unread')).toEqual({ seen: false });
    expect(compile('is:read')).toEqual({ seen: true });
    expect(compile('is:flagged')).toEqual({ flagged: true });
    expect(compile('is:answered')).toEqual({ answered: true });
  });

  it('has:attachment -> a Content-Type: multipart/mixed header search', () => {
    expect(compile('has:attachment')).toEqual({ header: { 'Content-Type': 'multipart/mixed' } });
    expect(wire('has:attachment')).toBe('HEADER CONTENT-TYPE multipart/mixed');
  });

  it('before:X -> BEFORE X, on:X -> ON X, after:X -> SINCE the day after X (UTC days)', () => {
    expect(compile('before:2024-03-03')).toEqual({ before: day('2024-03-03') });
    expect(compile('on:2024-03-03')).toEqual({ on: day('2024-03-03') });
    expect(compile('after:2024-03-03')).toEqual({ since: day('2024-03-04') });
    expect(compile('after:2024-12-31')).toEqual({ since: day('2025-01-01') });
    expect(wire('after:2024-02-28 before:2024-03-03')).toBe('SINCE 29-Feb-2024 BEFORE 03-Mar-2024');
  });

  it('older_than/newer_than -> before/since the UTC midnight that many days, weeks, months or years ago', () => {
    expect(compile('older_than:7d')).toEqual({ before: day('2024-03-24') });
    expect(compile('newer_than:0d')).toEqual({ since: day('2024-03-31') });
    expect(compile('newer_than:3w')).toEqual({ since: day('2024-03-10') });
    // 31 March minus one month is the last day of February, not 2 March.
    expect(compile('older_than:1m')).toEqual({ before: day('2024-02-29') });
    expect(compile('newer_than:2m')).toEqual({ since: day('2024-01-31') });
    expect(compile('older_than:1y')).toEqual({ before: day('2023-03-31') });
    expect(compileQuery({ kind: 'age', op: 'newer_than', amount: 1, unit: 'y' }, new Date('2024-02-29T12:00:00Z'))).toEqual({
      since: day('2023-02-28'),
    });
    expect(compile('older_than:9999y')).toEqual({ before: new Date(0) });
  });

  it('larger:/smaller: -> bytes, K/M/G as powers of 1024', () => {
    expect(compile('larger:1500')).toEqual({ larger: 1500 });
    expect(compile('smaller:100K')).toEqual({ smaller: 102_400 });
    expect(compile('larger:5M')).toEqual({ larger: 5_242_880 });
    expect(compile('smaller:2G')).toEqual({ smaller: 2_147_483_648 });
  });

  it('an empty query matches everything', () => {
    expect(compile('')).toEqual({ all: true });
  });
});

describe('compileQuery – structure', () => {
  it('AND of different keys merges into one object', () => {
    expect(compile('from:olivia is:unread larger:1K')).toEqual({ from: 'olivia', seen: false, larger: 1024 });
  });

  it('AND of clashing keys nests the rest as NOT NOT (...)', () => {
    expect(compile('quokka migration plan')).toEqual({ text: 'quokka', not: { not: { text: 'migration', not: { not: { text: 'plan' } } } } });
    expect(wire('quokka migration')).toBe('TEXT quokka NOT NOT TEXT migration');
    expect(wire('from:a from:b is:read')).toBe('FROM a SEEN NOT NOT FROM b');
  });

  it('negation -> not; several negations share one NOT (a OR b)', () => {
    expect(compile('-quokka')).toEqual({ not: { text: 'quokka' } });
    expect(compile('-is:unread')).toEqual({ not: { seen: false } });
    expect(compile('-a -b from:x')).toEqual({ from: 'x', not: { or: [{ text: 'a' }, { text: 'b' }] } });
    expect(wire('-a -b')).toBe('NOT OR TEXT a TEXT b');
    expect(compile('-(from:x is:read)')).toEqual({ not: { from: 'x', seen: true } });
    expect(wire('-(from:x is:read)')).toBe('NOT (FROM x SEEN)');
  });

  it('a group with its own negation ANDed with another negation stays correct', () => {
    // (NOT a AND b) AND NOT c == b AND NOT (a OR NOT NOT c)
    expect(compile('(-a b) -c')).toEqual({ text: 'b', not: { or: [{ text: 'a' }, { not: { not: { text: 'c' } } }] } });
  });

  it('OR -> or of each side', () => {
    expect(compile('from:olivia OR from:rita OR is:flagged')).toEqual({ or: [{ from: 'olivia' }, { from: 'rita' }, { flagged: true }] });
    expect(wire('a OR b OR c')).toBe('OR OR TEXT a TEXT b TEXT c');
    expect(compile('(a b) OR c')).toEqual({ or: [{ text: 'a', not: { not: { text: 'b' } } }, { text: 'c' }] });
  });

  it('non-ASCII values go out as literals under CHARSET UTF-8', () => {
    expect(compile('Grüße')).toEqual({ text: 'Grüße' });
    expect(wire('subject:déjà')).toBe('CHARSET UTF-8 SUBJECT {6}\r\ndéjà');
  });

  it('quotes and backslashes in a value are escaped by imapflow, never spliced into IMAP', () => {
    expect(wire('subject:a\\b')).toBe('SUBJECT "a\\\\b"');
    expect(wire('"a) OR ALL ("')).toBe('TEXT "a) OR ALL ("');
  });
});
