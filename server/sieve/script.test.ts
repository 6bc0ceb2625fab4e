import { describe, expect, it } from 'vitest';
import { filterRuleSchema, sieveModelSchema, vacationSchema, type FilterRule, type SieveModel } from '@/lib/schemas';
import { emptyModel, generateScript, readModel, sieveString } from './script';

/**
 * A Sieve lexer (RFC 5228 section 8.1) for what Wren generates: hash comments, quoted strings
 * (decoded), and everything else as one token per word or symbol. A script whose user text
 * escaped its strings would lex into other tokens.
 */
function lex(script: string): Array<{ kind: 'string'; value: string } | { kind: 'word'; value: string }> {
  const out: Array<{ kind: 'string'; value: string } | { kind: 'word'; value: string }> = [];
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (c === '#') {
      const end = script.indexOf('\r\n', i);
      expect(end, 'a comment ends with CRLF').toBeGreaterThan(-1);
      i = end + 2;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        expect(i, 'an unterminated string').toBeLessThan(script.length);
        const d = script[i];
        if (d === '"') break;
        if (d === '\\') {
          value += script[i + 1];
          i += 2;
          continue;
        }
        // A quoted string may hold CR or LF only as a CRLF pair.
        if (d === '\r') expect(script[i + 1]).toBe('\n');
        if (d === '\n') expect(script[i - 1]).toBe('\r');
        value += d;
        i++;
      }
      out.push({ kind: 'string', value });
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      const word = /^(:?[A-Za-z_][A-Za-z0-9_]*|\d+|[;{}[\](),])/.exec(script.slice(i));
      expect(word, `unexpected text at ${JSON.stringify(script.slice(i, i + 20))}`).not.toBeNull();
      out.push({ kind: 'word', value: word![0] });
      i += word![0].length;
    }
  }
  return out;
}

const skeleton = (script: string) => lex(script).map((t) => (t.kind === 'string' ? '<string>' : t.value));
const strings = (script: string) => lex(script).filter((t) => t.kind === 'string').map((t) => t.value);

// Text that would end a string, a command or the script, or start a comment, if not escaped.
const HOSTILE = [
  '"; discard; #',
  'a\\"; redirect "x@evil.example"; keep; "',
  '\\',
  '\\\\"',
  '*/ } stop; /*',
  'text:\r\n.\r\nstop;',
  '${hex:41} ${unicode:1F600} ${1}',
  'Ünïcödé ✓ 🙂 \u2028 \u2029',
  '# wren-model: {"rules":[]}',
];

function rule(overrides: Partial<FilterRule>): FilterRule {
  return filterRuleSchema.parse({ id: 'r1', field: 'subject', value: 'x', markRead: true, ...overrides });
}

function model(overrides: { vacation?: Partial<SieveModel['vacation']>; rules?: FilterRule[] }): SieveModel {
  return sieveModelSchema.parse({ vacation: { ...overrides.vacation }, rules: overrides.rules ?? [] });
}

describe('sieveString', () => {
  it('escapes backslash and double quote, and nothing else', () => {
    expect(sieveString('plain')).toBe('"plain"');
    expect(sieveString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(sieveString('${hex:41}')).toBe('"${hex:41}"');
  });

  it('refuses CR, LF and NUL in a one-line string; a multi-line one gets CRLF for every kind of break', () => {
    expect(() => sieveString('a\r\nb')).toThrow(/line break/);
    expect(() => sieveString('a\nb')).toThrow(/line break/);
    expect(() => sieveString('a\rb')).toThrow(/line break/);
    expect(() => sieveString('a\0b', { multiline: true })).toThrow(/NUL/);
    expect(sieveString('a\nb\rc\r\nd', { multiline: true })).toBe('"a\r\nb\r\nc\r\nd"');
  });

  it('writes lone surrogates as U+FFFD (UTF-8 cannot carry them)', () => {
    expect(sieveString('a\uD800b')).toBe('"a\uFFFDb"');
    expect(sieveString('🙂')).toBe('"🙂"');
  });

  it.each(HOSTILE.filter((h) => !/[\r\n]/.test(h)))('a one-line value stays one string: %j', (value) => {
    expect(lex(`x ${sieveString(value)};\r\n`)).toEqual([
      { kind: 'word', value: 'x' },
      { kind: 'string', value },
      { kind: 'word', value: ';' },
    ]);
  });
});

describe('generateScript', () => {
  it('an empty model: a script that only keeps (no require, no commands), carrying its model', () => {
    const { script, extensions } = generateScript(emptyModel());
    expect(extensions).toEqual([]);
    expect(skeleton(script)).toEqual([]);
    expect(readModel(script)).toEqual(emptyModel());
  });

  it('a rule per field and match, with its actions, in order, then the vacation reply within its dates', () => {
    const rules = [
      rule({ id: 'a', field: 'from', match: 'is', value: 'boss@example.com', markRead: false, star: true }),
      rule({ id: 'b', field: 'to', value: 'team@', fileInto: 'Lists/Team', markRead: true }),
      rule({ id: 'c', field: 'list-id', value: 'dev.lists.example', fileInto: 'Lists', markRead: false, forwardTo: 'me@elsewhere.example' }),
      rule({ id: 'd', field: 'subject', match: 'is', value: 'spam', markRead: false, discard: true }),
      rule({ id: 'e', field: 'subject', value: 'off', enabled: false }),
      rule({ id: 'f', field: 'from', value: 'x', markRead: false, forwardTo: 'y@example.com', forwardKeep: false, stop: true }),
    ];
    const { script, extensions } = generateScript(
      model({ rules, vacation: { enabled: true, start: '2030-01-02', end: '2030-01-20', subject: 'Away', text: 'Back soon', addresses: ['me@alias.example'], days: 3 } }),
    );
    expect(extensions).toEqual(['copy', 'date', 'fileinto', 'imap4flags', 'relational', 'vacation']);
    expect(script.split('\r\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      'require ["copy", "date", "fileinto", "imap4flags", "relational", "vacation"];',
      'if address :is "from" "boss@example.com" {',
      '  addflag "\\\\Flagged";',
      '}',
      'if header :contains ["to", "cc"] "team@" {',
      '  fileinto :flags "\\\\Seen" "Lists/Team";',
      '}',
      'if header :contains "list-id" "dev.lists.example" {',
      '  fileinto "Lists";',
      '  redirect :copy "me@elsewhere.example";',
      '}',
      'if header :is "subject" "spam" {',
      '  discard;',
      '  stop;',
      '}',
      'if header :contains "from" "x" {',
      '  redirect "y@example.com";',
      '  stop;',
      '}',
      'if allof(currentdate :value "ge" "date" "2030-01-02", currentdate :value "le" "date" "2030-01-20") {',
      '  vacation :days 3 :subject "Away" :addresses ["me@alias.example"] "Back soon";',
      '}',
    ]);
    expect(script.endsWith('\r\n')).toBe(true);
  });

  it('a vacation reply without dates is unconditional; off, it is not in the script but its settings are kept', () => {
    const on = generateScript(model({ vacation: { enabled: true, text: 'Away' } }));
    expect(on.extensions).toEqual(['vacation']);
    expect(on.script).toContain('\r\nvacation :days 7 "Away";\r\n');
    const off = model({ vacation: { enabled: false, text: 'Away', subject: 'Gone' } });
    const { script, extensions } = generateScript(off);
    expect(extensions).toEqual([]);
    expect(skeleton(script)).toEqual([]);
    expect(readModel(script)).toEqual(off);
  });

  it('hostile text in every field: the same commands as with plain text, each string decoding to what was typed, and the model reads back', () => {
    const build = (text: string, line: string) =>
      model({
        rules: [
          rule({ id: 'a', field: 'from', value: line, fileInto: `F/${line}`, star: true }),
          rule({ id: 'b', field: 'list-id', match: 'is', value: line, discard: true, markRead: false }),
        ],
        vacation: { enabled: true, start: '2030-01-01', subject: line, text },
      });
    const plain = generateScript(build('plain', 'plain')).script;
    for (const hostile of HOSTILE) {
      const line = hostile.replace(/[\r\n]/g, ' ');
      const m = build(`${hostile}\nsecond line\r\nthird\rfourth`, line);
      const { script } = generateScript(m);
      expect(skeleton(script)).toEqual(skeleton(plain));
      expect(strings(script)).toEqual(
        expect.arrayContaining([line, `F/${line}`, `${hostile.replace(/\r\n|\r|\n/g, '\r\n')}\r\nsecond line\r\nthird\r\nfourth`]),
      );
      expect(readModel(script)).toEqual(m);
    }
  });

  it('the model line cannot be forged by text inside the script: the first one counts', () => {
    const forged = '# wren-model: {"rules":[],"vacation":{"enabled":true,"text":"forged"}}';
    const m = model({ vacation: { enabled: true, text: `hello\n${forged}` } });
    const { script } = generateScript(m);
    expect(script.split('\r\n').filter((l) => l.startsWith('# wren-model: '))).toHaveLength(2);
    expect(readModel(script)).toEqual(m);
  });
});

describe('readModel', () => {
  it('null for a script without a model line, or with one that does not parse or fit', () => {
    expect(readModel('require "fileinto";\r\nfileinto "x";\r\n')).toBeNull();
    expect(readModel('# wren-model: {not json\r\n')).toBeNull();
    expect(readModel('# wren-model: {"rules":[{"id":"x"}]}\r\n')).toBeNull();
  });

  it('fills defaults for what an older model left out', () => {
    expect(readModel('# wren-model: {}\r\n')).toEqual({ vacation: vacationSchema.parse({}), rules: [] });
  });
});
