import 'server-only';

/*
 * ManageSieve's wire format (RFC 5804 section 4), both ways, without a socket: what the server
 * sends is cut into lines of tokens (atoms, strings quoted or as literals, parentheses), and a
 * line that starts OK, NO or BYE is a response, with its optional response code and text.
 * Strings Wren sends are quoted when plain, else sent as non-synchronizing literals ({n+}), so
 * no value (a script, a script name) is ever spliced into a command unescaped.
 */

export type Token = { kind: 'atom'; value: string } | { kind: 'string'; value: string } | { kind: 'open' } | { kind: 'close' };

export interface Response {
  type: 'OK' | 'NO' | 'BYE';
  /** The response code, e.g. NONEXISTENT, ACTIVE, QUOTA/MAXSIZE, WARNINGS, SASL; upper case. */
  code: string | null;
  /** Strings that came with the code inside its parentheses (SASL's data, TAG's text). */
  codeArgs: string[];
  /** The human-readable text after the code, if any. */
  text: string;
}

/** The server said something that is not ManageSieve. */
export class SieveProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SieveProtocolError';
  }
}

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

// A literal larger than this is refused rather than buffered: Pigeonhole's default script limit is 1 MB.
export const MAX_LITERAL_BYTES = 4 * 1024 * 1024;

/**
 * One line from the start of `buf`: its tokens and the bytes it took (CRLF included), or null
 * when the line (or a literal in it) is not all here yet.
 */
export function parseLine(buf: Buffer): { tokens: Token[]; length: number } | null {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    while (i < buf.length && buf[i] === SP) i++;
    if (i >= buf.length) return null;
    const c = buf[i];
    if (c === CR) {
      if (i + 1 >= buf.length) return null;
      if (buf[i + 1] !== LF) throw new SieveProtocolError('bare CR in a response');
      return { tokens, length: i + 2 };
    }
    if (c === LF) throw new SieveProtocolError('bare LF in a response');
    if (c === 0x28 /* ( */) {
      tokens.push({ kind: 'open' });
      i++;
    } else if (c === 0x29 /* ) */) {
      tokens.push({ kind: 'close' });
      i++;
    } else if (c === DQUOTE) {
      const bytes: number[] = [];
      let j = i + 1;
      for (;;) {
        if (j >= buf.length) return null;
        const b = buf[j];
        if (b === DQUOTE) break;
        if (b === CR || b === LF) throw new SieveProtocolError('line break in a quoted string');
        if (b === BACKSLASH) {
          if (j + 1 >= buf.length) return null;
          const next = buf[j + 1];
          if (next !== DQUOTE && next !== BACKSLASH) throw new SieveProtocolError('bad escape in a quoted string');
          bytes.push(next);
          j += 2;
          continue;
        }
        bytes.push(b);
        j++;
      }
      tokens.push({ kind: 'string', value: Buffer.from(bytes).toString('utf8') });
      i = j + 1;
    } else if (c === 0x7b /* { */) {
      const close = buf.indexOf(0x7d /* } */, i);
      if (close < 0) {
        if (buf.length - i > 24) throw new SieveProtocolError('malformed literal');
        return null;
      }
      const spec = buf.subarray(i + 1, close).toString('latin1');
      const match = /^(\d{1,10})\+?$/.exec(spec);
      if (!match) throw new SieveProtocolError('malformed literal');
      const size = Number(match[1]);
      if (size > MAX_LITERAL_BYTES) throw new SieveProtocolError(`literal of ${size} bytes is too large`);
      if (close + 2 >= buf.length) {
        if (close + 1 < buf.length && buf[close + 1] !== CR) throw new SieveProtocolError('literal not followed by CRLF');
        return null;
      }
      if (buf[close + 1] !== CR || buf[close + 2] !== LF) throw new SieveProtocolError('literal not followed by CRLF');
      const start = close + 3;
      if (buf.length < start + size) return null;
      tokens.push({ kind: 'string', value: buf.subarray(start, start + size).toString('utf8') });
      i = start + size;
    } else {
      let j = i;
      while (j < buf.length && buf[j] !== SP && buf[j] !== CR && buf[j] !== LF && buf[j] !== 0x28 && buf[j] !== 0x29 && buf[j] !== DQUOTE && buf[j] !== 0x7b) j++;
      if (j >= buf.length) return null;
      tokens.push({ kind: 'atom', value: buf.subarray(i, j).toString('latin1') });
      i = j;
    }
  }
}

/** The response a line is (OK, NO or BYE, with code and text), or null for a data line. */
export function toResponse(tokens: Token[]): Response | null {
  const first = tokens[0];
  if (first?.kind !== 'atom') return null;
  const type = first.value.toUpperCase();
  if (type !== 'OK' && type !== 'NO' && type !== 'BYE') return null;
  let code: string | null = null;
  const codeArgs: string[] = [];
  let i = 1;
  if (tokens[i]?.kind === 'open') {
    i++;
    const name = tokens[i];
    if (name?.kind !== 'atom') throw new SieveProtocolError('malformed response code');
    code = name.value.toUpperCase();
    i++;
    while (i < tokens.length && tokens[i].kind !== 'close') {
      const arg = tokens[i];
      if (arg.kind === 'string' || arg.kind === 'atom') codeArgs.push(arg.value);
      i++;
    }
    if (tokens[i]?.kind !== 'close') throw new SieveProtocolError('unclosed response code');
    i++;
  }
  const textToken = tokens[i];
  const text = textToken?.kind === 'string' ? textToken.value : '';
  return { type, code, codeArgs, text };
}

// Safe inside quotes as they are: printable ASCII without the quote and the backslash.
const PLAIN_QUOTABLE = /^[\x20\x21\x23-\x5b\x5d-\x7e]{0,1000}$/;

/**
 * A string argument for a command: quoted when plain, else a non-synchronizing literal
 * (RFC 5804 literal-c2s) that carries any bytes, line breaks and quotes included.
 */
export function encodeString(value: string): Buffer {
  if (PLAIN_QUOTABLE.test(value)) return Buffer.from(`"${value}"`, 'latin1');
  return encodeLiteral(value);
}

/** A non-synchronizing literal, whatever the text: for scripts, which hold line breaks and quotes. */
export function encodeLiteral(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  return Buffer.concat([Buffer.from(`{${bytes.length}+}\r\n`, 'latin1'), bytes]);
}

/** A command line: the command's name, then its arguments (strings encoded, `literal`s as literals), CRLF. */
export function encodeCommand(name: string, ...args: Array<string | { literal: string }>): Buffer {
  const parts: Buffer[] = [Buffer.from(name, 'latin1')];
  for (const arg of args) {
    parts.push(Buffer.from(' ', 'latin1'));
    parts.push(typeof arg === 'string' ? encodeString(arg) : encodeLiteral(arg.literal));
  }
  parts.push(Buffer.from('\r\n', 'latin1'));
  return Buffer.concat(parts);
}

export interface Capabilities {
  implementation: string;
  /** The Sieve extensions the server's interpreter knows (fileinto, vacation, imap4flags...). */
  sieve: string[];
  starttls: boolean;
  /** SASL mechanisms, upper case. */
  sasl: string[];
  version: string;
}

/** The capability lines (`"NAME" "value"`) before an OK, as one object. */
export function parseCapabilities(lines: Token[][]): Capabilities {
  const caps: Capabilities = { implementation: '', sieve: [], starttls: false, sasl: [], version: '' };
  for (const tokens of lines) {
    const [name, value] = tokens;
    if (name?.kind !== 'string' && name?.kind !== 'atom') continue;
    const text = value && (value.kind === 'string' || value.kind === 'atom') ? value.value : '';
    switch (name.value.toUpperCase()) {
      case 'IMPLEMENTATION':
        caps.implementation = text;
        break;
      case 'SIEVE':
        caps.sieve = text.split(/\s+/).filter(Boolean);
        break;
      case 'STARTTLS':
        caps.starttls = true;
        break;
      case 'SASL':
        caps.sasl = text.toUpperCase().split(/\s+/).filter(Boolean);
        break;
      case 'VERSION':
        caps.version = text;
        break;
    }
  }
  return caps;
}
