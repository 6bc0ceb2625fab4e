import { describe, expect, it } from 'vitest';
import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { aclEntriesOf } from './getacl';

const reply = (line: string) => parser(Buffer.from(line, 'latin1'), { literals: [] });

describe('aclEntriesOf', () => {
  it('reads the identifier and rights pairs of Dovecot\'s ACL reply, in order', async () => {
    expect(aclEntriesOf(await reply('* ACL Team ben lrws ana lrwstipekxacd'))).toEqual([
      { identifier: 'ben', rights: 'lrws' },
      { identifier: 'ana', rights: 'lrwstipekxacd' },
    ]);
  });

  it('reads quoted identifiers and mailboxes, and a folder shared with nobody as no entries', async () => {
    expect(aclEntriesOf(await reply('* ACL "Sent Messages" "ann.lee@example.com" "lr"'))).toEqual([{ identifier: 'ann.lee@example.com', rights: 'lr' }]);
    expect(aclEntriesOf(await reply('* ACL Team'))).toEqual([]);
    expect(aclEntriesOf({})).toEqual([]);
  });
});
