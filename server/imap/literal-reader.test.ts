import { describe, expect, it } from 'vitest';
import { LiteralReader, MAX_OWN_LINE, type OwnLine } from './literal-reader';

const ours = (line: string): OwnLine => {
  const match = /^\* \d+ FETCH \(.*BINARY\[2\] (?:~?\{(\d+)\}$|NIL\b)/.exec(line);
  if (!match) return null;
  return match[1] === undefined ? { nil: true } : { literal: Number(match[1]) };
};

/** Feeds `wire` to a reader in chunks of `size` bytes; answers what it saw. */
function read(wire: Buffer, size: number) {
  const seen = { foreign: [] as Buffer[], literal: [] as Buffer[], starts: [] as number[], end: null as string | null };
  const reader = new LiteralReader('W1', ours, {
    foreign: (b) => seen.foreign.push(Buffer.from(b)),
    start: (n) => seen.starts.push(n),
    literal: (b) => seen.literal.push(Buffer.from(b)),
    end: (status) => (seen.end = status),
  });
  for (let at = 0; at < wire.length; at += size) reader.push(wire.subarray(at, at + size));
  return {
    foreign: Buffer.concat(seen.foreign).toString('latin1'),
    literal: Buffer.concat(seen.literal),
    starts: seen.starts,
    end: seen.end,
  };
}

const payload = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
const chunkSizes = [1, 2, 3, 7, 64, 1000, 100_000];

describe('LiteralReader', () => {
  it("hands on the command's literal whole, however the chunks break, and everything else to the parser in order", () => {
    // A NOTIFY STATUS and an EXISTS before the answer, a foreign FETCH with a literal of its own
    // (whose bytes hold a line like the command's FETCH), then the command's FETCH, then a line
    // after the tagged one.
    const before = `* STATUS Work (MESSAGES 4 UIDNEXT 9)\r\n* 7 EXISTS\r\n* 2 FETCH (UID 8 BODY[HEADER] {33}\r\n* 1 FETCH (UID 1 BINARY[2] ~{3}\r\n)\r\n`;
    const wire = Buffer.concat([
      Buffer.from(before, 'latin1'),
      Buffer.from(`* 5 FETCH (UID 12 BINARY[2] ~{${payload.length}}\r\n`, 'latin1'),
      payload,
      Buffer.from(')\r\nW1 OK Fetch completed.\r\n* 8 EXISTS\r\n', 'latin1'),
    ]);
    for (const size of chunkSizes) {
      const seen = read(wire, size);
      expect(seen.literal.equals(payload), `chunks of ${size}`).toBe(true);
      expect(seen.starts).toEqual([payload.length]);
      expect(seen.end).toBe('OK');
      expect(seen.foreign).toBe(`${before}* 8 EXISTS\r\n`);
    }
  });

  it("a literal's bytes that look like lines are never read as lines", () => {
    const tricky = Buffer.from('\r\nW1 OK fake\r\n* 1 FETCH (UID 1 BINARY[2] ~{3}\r\n', 'latin1');
    const wire = Buffer.concat([Buffer.from(`* 1 FETCH (UID 1 BINARY[2] ~{${tricky.length}}\r\n`), tricky, Buffer.from(' UID 1)\r\nW1 OK done\r\n')]);
    for (const size of chunkSizes) {
      const seen = read(wire, size);
      expect(seen.literal.equals(tricky)).toBe(true);
      expect(seen.foreign).toBe('');
      expect(seen.end).toBe('OK');
    }
  });

  it('a NIL item, an empty literal, and a NO are told apart', () => {
    expect(read(Buffer.from('* 1 FETCH (UID 1 BINARY[2] NIL)\r\nW1 OK done\r\n'), 5)).toMatchObject({ starts: [-1], end: 'OK', foreign: '' });
    expect(read(Buffer.from('* 1 FETCH (UID 1 BINARY[2] ~{0}\r\n)\r\nW1 OK done\r\n'), 5)).toMatchObject({ starts: [0], end: 'OK', foreign: '' });
    expect(read(Buffer.from('W1 NO [UNKNOWN-CTE] Unknown Content-Transfer-Encoding\r\n'), 4)).toMatchObject({ starts: [], end: 'NO' });
    // Another command's tag is not this one's.
    expect(read(Buffer.from('W10 OK other\r\nW1 BAD wrong\r\n'), 3)).toMatchObject({ foreign: 'W10 OK other\r\n', end: 'BAD' });
  });

  it('a foreign line longer than any of the command\'s own is passed on as it comes, its literal too', () => {
    const long = `* VANISHED (EARLIER) ${'1:2,'.repeat(MAX_OWN_LINE)}9 {4}\r\n`;
    const wire = Buffer.from(`${long}abcd)\r\n* 1 FETCH (UID 1 BINARY[2] ~{3}\r\nxyz)\r\nW1 OK done\r\n`, 'latin1');
    for (const size of [5, 4096, 1_000_000]) {
      const seen = read(wire, size);
      expect(seen.foreign).toBe(`${long}abcd)\r\n`);
      expect(seen.literal.toString()).toBe('xyz');
      expect(seen.end).toBe('OK');
    }
  });
});
