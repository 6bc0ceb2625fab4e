import { describe, expect, it } from 'vitest';
import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { parseThreads } from './thread';

const reply = async (line: string) => (await parser(Buffer.from(line, 'latin1'), { literals: [] })).attributes;

describe('parseThreads', () => {
  it('reads each top-level parenthesis of a THREAD reply as one conversation, branches flattened', async () => {
    // What Dovecot sends for a lone message and a root with two replies (see thread.ts).
    expect(parseThreads(await reply('* THREAD (7)(3 (4)(6))'))).toEqual([[7], [3, 4, 6]]);
  });

  it('reads a missing parent (no number of its own) and deep chains', async () => {
    expect(parseThreads(await reply('* THREAD ((3)(5))(1 2 (8 9)(10))'))).toEqual([
      [3, 5],
      [1, 2, 8, 9, 10],
    ]);
  });

  it('reads an empty answer as no conversations', async () => {
    expect(parseThreads(await reply('* THREAD'))).toEqual([]);
    expect(parseThreads(undefined)).toEqual([]);
  });
});
