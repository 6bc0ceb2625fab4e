/**
 * Reads one command's answer from an IMAP connection's raw bytes and streams the one literal of
 * it that the caller wants, without keeping it: imapflow gathers every literal whole and
 * concatenates it before parsing (a 25 MB attachment is 25 MB in memory at once), so a part
 * fetched whole goes past imapflow (server/mail/mime/part-stream.ts).
 *
 * Everything that is not the command's own answer (a NOTIFY or EXPUNGE the server sends meanwhile,
 * a NOOP's answer) is handed on through `foreign` byte for byte as it came, for imapflow's parser
 * to read as if the socket had never been taken from it. The command's own lines are its untagged
 * FETCH with the literal (what `ours` recognizes), the rest of that FETCH's line after the
 * literal, and the tagged line; after the tagged line every byte is foreign again.
 *
 * The reader is fed chunks as they come off the socket (`push`): lines are split at LF wherever
 * the chunks break, a literal's bytes are handed on as slices of the chunks, never copied.
 */

/** What `ours` says of a complete untagged line (CRLF removed): the command's literal follows, the command's item is NIL, or not the command's. */
export type OwnLine = { literal: number } | { nil: true } | null;

export interface LiteralReaderEvents {
  /** Bytes that are not the command's answer, in order. */
  foreign(bytes: Buffer): void;
  /** The command's literal begins: `size` bytes follow through `literal` (none for a NIL item: size -1). */
  start(size: number): void;
  literal(bytes: Buffer): void;
  /** The tagged line: its status (OK, NO, BAD) and the whole line. */
  end(status: string, line: string): void;
}

/** A line longer than this cannot be the command's own (its FETCH line or its tagged line): it is passed on as it comes. */
export const MAX_OWN_LINE = 16 * 1024;

const LF = 0x0a;
const LITERAL_AT_END = /\{(\d+)\+?\}\r?\n$/;

type Mode =
  /** Gathering a line that may be the command's. */
  | 'line'
  /** Passing on a long line (not the command's), up to its LF; `tail` keeps its last bytes for a literal marker. */
  | 'long-line'
  /** Passing on a foreign literal's bytes. */
  | 'foreign-literal'
  /** Handing on the command's literal. */
  | 'literal'
  /** Dropping the rest of the command's FETCH line after its literal. */
  | 'rest'
  /** The tagged line was read: all that follows is foreign. */
  | 'done';

export class LiteralReader {
  private mode: Mode = 'line';
  private line: Buffer[] = [];
  private lineBytes = 0;
  private tail = Buffer.alloc(0);
  private remaining = 0;
  /** The next line goes on a foreign response after its literal: foreign too, whatever it says. */
  private continuing = false;

  constructor(
    private readonly tag: string,
    private readonly ours: (line: string) => OwnLine,
    private readonly on: LiteralReaderEvents,
  ) {}

  get finished(): boolean {
    return this.mode === 'done';
  }

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      switch (this.mode) {
        case 'done':
          this.on.foreign(pos ? chunk.subarray(pos) : chunk);
          return;
        case 'literal':
        case 'foreign-literal': {
          const n = Math.min(this.remaining, chunk.length - pos);
          const bytes = pos === 0 && n === chunk.length ? chunk : chunk.subarray(pos, pos + n);
          pos += n;
          this.remaining -= n;
          if (this.mode === 'literal') this.on.literal(bytes);
          else this.on.foreign(bytes);
          if (this.remaining === 0) {
            this.continuing = this.mode === 'foreign-literal';
            this.mode = this.mode === 'literal' ? 'rest' : 'line';
          }
          break;
        }
        case 'long-line': {
          const lf = chunk.indexOf(LF, pos);
          const end = lf < 0 ? chunk.length : lf + 1;
          const bytes = chunk.subarray(pos, end);
          this.on.foreign(bytes);
          this.tail = Buffer.concat([this.tail, bytes]).subarray(-32);
          pos = end;
          if (lf >= 0) this.foreignLineEnded(this.tail);
          break;
        }
        case 'rest': {
          // The rest of the command's FETCH line (")\r\n", or more items after the literal): dropped.
          const lf = chunk.indexOf(LF, pos);
          pos = lf < 0 ? chunk.length : lf + 1;
          if (lf >= 0) this.mode = 'line';
          break;
        }
        case 'line': {
          const lf = chunk.indexOf(LF, pos);
          if (lf < 0) {
            this.gather(chunk.subarray(pos));
            pos = chunk.length;
            break;
          }
          this.gather(chunk.subarray(pos, lf + 1));
          pos = lf + 1;
          if ((this.mode as Mode) === 'long-line') {
            // gather() passed the line on as it grew: what is left of it is passed on too.
            this.foreignLineEnded(this.tail);
            break;
          }
          const line = this.line.length === 1 ? this.line[0] : Buffer.concat(this.line);
          this.line = [];
          this.lineBytes = 0;
          this.lineEnded(line);
          break;
        }
      }
    }
  }

  /** Adds to the line being gathered; a line past MAX_OWN_LINE is passed on from then on. */
  private gather(bytes: Buffer): void {
    this.line.push(bytes);
    this.lineBytes += bytes.length;
    if (this.lineBytes <= MAX_OWN_LINE) return;
    const all = Buffer.concat(this.line);
    this.line = [];
    this.lineBytes = 0;
    this.on.foreign(all);
    this.tail = all.subarray(-32);
    this.mode = 'long-line';
  }

  private foreignLineEnded(lastBytes: Buffer): void {
    this.tail = Buffer.alloc(0);
    const literal = LITERAL_AT_END.exec(lastBytes.toString('latin1'));
    this.continuing = false;
    if (literal) {
      this.remaining = Number(literal[1]);
      this.mode = this.remaining > 0 ? 'foreign-literal' : 'line';
      this.continuing = this.remaining === 0;
    } else {
      this.mode = 'line';
    }
  }

  private lineEnded(line: Buffer): void {
    const text = line.toString('latin1').replace(/\r?\n$/, '');
    if (!this.continuing) {
      if (text.startsWith(`${this.tag} `)) {
        this.mode = 'done';
        this.on.end(text.slice(this.tag.length + 1).split(' ', 1)[0].toUpperCase(), text);
        return;
      }
      const own = text.startsWith('* ') ? this.ours(text) : null;
      if (own && 'nil' in own) {
        this.on.start(-1);
        return;
      }
      if (own) {
        this.on.start(own.literal);
        this.remaining = own.literal;
        this.mode = own.literal > 0 ? 'literal' : 'rest';
        return;
      }
    }
    this.on.foreign(line);
    this.foreignLineEnded(line.subarray(-32));
  }
}
