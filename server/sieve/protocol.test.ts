import { describe, expect, it } from 'vitest';
import { encodeCommand, encodeString, parseCapabilities, parseLine, toResponse, type Token } from './protocol';

const line = (text: string | Buffer) => parseLine(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
const tokensOf = (text: string) => line(text)!.tokens;

describe('parseLine', () => {
  it('atoms, quoted strings with escapes, parentheses; the length takes the CRLF', () => {
    const parsed = line('NO (QUOTA/MAXSIZE) "too \\"big\\" \\\\ here"\r\nrest')!;
    expect(parsed.tokens).toEqual([
      { kind: 'atom', value: 'NO' },
      { kind: 'open' },
      { kind: 'atom', value: 'QUOTA/MAXSIZE' },
      { kind: 'close' },
      { kind: 'string', value: 'too "big" \\ here' },
    ]);
    expect(parsed.length).toBe(Buffer.byteLength('NO (QUOTA/MAXSIZE) "too \\"big\\" \\\\ here"\r\n'));
  });

  it('a literal carries any bytes, line breaks and UTF-8 included', () => {
    const script = 'require "vacation";\r\nvacation "Ünï \\"x\\"";\r\n';
    const bytes = Buffer.byteLength(script);
    const parsed = line(`{${bytes}}\r\n${script}\r\nOK`)!;
    expect(parsed.tokens).toEqual([{ kind: 'string', value: script }]);
    expect(parsed.length).toBe(`{${bytes}}\r\n`.length + bytes + 2);
  });

  it('null while a line, a quoted string or a literal is still arriving', () => {
    for (const partial of ['OK', 'OK "Logged', 'OK "a\\', '{10}\r\nabc', '{10', '{10}', '{10}\r', '"wren" ACTIVE\r']) {
      expect(line(partial), partial).toBeNull();
    }
    // Cut inside a multi-byte character of a literal: still waiting, nothing decoded half.
    const full = Buffer.from('{2}\r\nÜ\r\n', 'utf8');
    expect(line(full.subarray(0, full.length - 3))).toBeNull();
    expect(line(full)!.tokens).toEqual([{ kind: 'string', value: 'Ü' }]);
  });

  it('throws on what is not ManageSieve: a bare LF, a line break in a quoted string, a bad escape, a malformed or huge literal', () => {
    expect(() => line('OK\n')).toThrow(/bare LF/);
    expect(() => line('OK "a\r\nb"\r\n')).toThrow(/quoted string/);
    expect(() => line('OK "a\\nb"\r\n')).toThrow(/escape/);
    expect(() => line('{12a}\r\n')).toThrow(/malformed literal/);
    expect(() => line('{999999999}\r\n')).toThrow(/too large/);
    expect(() => line('{3}xyz')).toThrow(/CRLF/);
  });
});

describe('toResponse', () => {
  it('OK, NO and BYE with a code, its arguments and the text; a data line is not a response', () => {
    expect(toResponse(tokensOf('OK "Logged in."\r\n'))).toEqual({ type: 'OK', code: null, codeArgs: [], text: 'Logged in.' });
    expect(toResponse(tokensOf('no (nonexistent) "Sieve script `x\' not found"\r\n'))).toEqual({
      type: 'NO',
      code: 'NONEXISTENT',
      codeArgs: [],
      text: "Sieve script `x' not found",
    });
    expect(toResponse(tokensOf('OK (SASL "dGVzdA==") "done"\r\n'))).toMatchObject({ code: 'SASL', codeArgs: ['dGVzdA=='] });
    expect(toResponse(tokensOf('BYE "Server shutting down."\r\n'))).toMatchObject({ type: 'BYE', text: 'Server shutting down.' });
    expect(toResponse(tokensOf('OK\r\n'))).toEqual({ type: 'OK', code: null, codeArgs: [], text: '' });
    expect(toResponse(tokensOf('"wren" ACTIVE\r\n'))).toBeNull();
  });

  it('throws on an unclosed response code', () => {
    expect(() => toResponse(tokensOf('NO (ACTIVE "x"\r\n'))).toThrow(/unclosed/);
  });
});

describe('encodeString and encodeCommand', () => {
  it('quotes plain text; anything with a quote, backslash, line break, control or non-ASCII character goes as a {n+} literal', () => {
    expect(encodeString('wren').toString()).toBe('"wren"');
    expect(encodeString('').toString()).toBe('""');
    for (const hostile of ['a"b', 'a\\b', 'a\r\nLOGOUT', 'Ünï', '\0', 'x'.repeat(1001)]) {
      const bytes = Buffer.from(hostile, 'utf8');
      expect(encodeString(hostile)).toEqual(Buffer.concat([Buffer.from(`{${bytes.length}+}\r\n`), bytes]));
    }
  });

  it('a command: name, arguments, CRLF; a script always as a literal', () => {
    expect(encodeCommand('SETACTIVE', 'wren').toString()).toBe('SETACTIVE "wren"\r\n');
    expect(encodeCommand('PUTSCRIPT', 'wren', { literal: 'keep;' }).toString()).toBe('PUTSCRIPT "wren" {5+}\r\nkeep;\r\n');
    expect(encodeCommand('LOGOUT').toString()).toBe('LOGOUT\r\n');
  });
});

describe('parseCapabilities', () => {
  it("reads Pigeonhole's greeting", () => {
    const greeting =
      '"IMPLEMENTATION" "Dovecot (Debian) Pigeonhole"\r\n"SIEVE" "fileinto reject vacation imap4flags copy date relational"\r\n"NOTIFY" "mailto"\r\n"SASL" "PLAIN LOGIN"\r\n"STARTTLS"\r\n"VERSION" "1.0"\r\n';
    const lines: Token[][] = [];
    let buf = Buffer.from(greeting);
    for (let parsed = parseLine(buf); parsed; parsed = parseLine(buf)) {
      lines.push(parsed.tokens);
      buf = buf.subarray(parsed.length);
    }
    expect(parseCapabilities(lines)).toEqual({
      implementation: 'Dovecot (Debian) Pigeonhole',
      sieve: ['fileinto', 'reject', 'vacation', 'imap4flags', 'copy', 'date', 'relational'],
      starttls: true,
      sasl: ['PLAIN', 'LOGIN'],
      version: '1.0',
    });
  });
});
