import { describe, expect, it } from 'vitest';
import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { sortCriteria, sortUidsOf } from './sort';

const reply = (line: string) => parser(Buffer.from(line, 'latin1'), { literals: [] });

describe('sortUidsOf', () => {
  it('reads the UIDs of Dovecot\'s SORT reply in the order sent', async () => {
    expect(sortUidsOf(await reply('* SORT 7 3 12 5'))).toEqual([7, 3, 12, 5]);
  });

  it('reads an empty folder\'s bare SORT as no UIDs', async () => {
    expect(sortUidsOf(await reply('* SORT'))).toEqual([]);
    expect(sortUidsOf({})).toEqual([]);
  });
});

describe('sortCriteria', () => {
  it('maps each order to RFC 5256 criteria, REVERSE for descending', () => {
    expect(sortCriteria('date-desc', true)).toEqual(['REVERSE', 'DATE']);
    expect(sortCriteria('subject-asc', true)).toEqual(['SUBJECT']);
    expect(sortCriteria('size-desc', false)).toEqual(['REVERSE', 'SIZE']);
    expect(sortCriteria('arrival-asc', false)).toEqual(['ARRIVAL']);
  });

  it('sorts senders by display name with SORT=DISPLAY, else by address', () => {
    expect(sortCriteria('from-asc', true)).toEqual(['DISPLAYFROM']);
    expect(sortCriteria('from-desc', false)).toEqual(['REVERSE', 'FROM']);
  });
});
