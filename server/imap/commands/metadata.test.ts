import { describe, expect, it } from 'vitest';
import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { metadataEntriesOf, metadataMaxSizeOf } from './metadata';

/** A reply line as imapflow's own parser reads it (literals given apart, as its reader does). */
const reply = (line: string, literals: Buffer[] = []) => parser(Buffer.from(line, 'latin1'), { literals });
const ENTRY = '/private/vendor/wren/settings';

describe('metadataEntriesOf', () => {
  it('reads a literal value as UTF-8, as Dovecot sends JSON', async () => {
    const json = Buffer.from('{"displayName":"Zoë"}');
    const { mailbox, entries } = metadataEntriesOf(await reply(`* METADATA "" (${ENTRY} {${json.length}}\r\n)`, [json]));
    expect(mailbox).toBe('');
    expect(entries.get(ENTRY)).toBe('{"displayName":"Zoë"}');
  });

  it('reads a quoted value, NIL as null, and several entries in any case', async () => {
    const { entries } = metadataEntriesOf(await reply('* METADATA "" (/private/Comment "hi \\"there\\"" /Private/Vendor/X NIL)'));
    expect(entries.get('/private/comment')).toBe('hi "there"');
    expect(entries.has('/private/vendor/x')).toBe(true);
    expect(entries.get('/private/vendor/x')).toBeNull();
  });

  it('names the mailbox of a mailbox entry, and gives no entries for an unsolicited list of names', async () => {
    const about = metadataEntriesOf(await reply('* METADATA INBOX (/shared/comment "x")'));
    expect(about.mailbox).toBe('INBOX');
    const unsolicited = metadataEntriesOf(await reply('* METADATA INBOX /shared/comment'));
    expect(unsolicited.entries.size).toBe(0);
    expect(metadataEntriesOf({}).entries.size).toBe(0);
  });
});

describe('metadataMaxSizeOf', () => {
  it('reads the limit of a NO [METADATA MAXSIZE n], and nothing from other refusals', async () => {
    expect(metadataMaxSizeOf({ response: await reply('a NO [METADATA MAXSIZE 1024] Value too long') })).toBe(1024);
    expect(metadataMaxSizeOf({ response: await reply('a NO [METADATA TOOMANY] Too many') })).toBeUndefined();
    expect(metadataMaxSizeOf({ response: await reply('a NO [OVERQUOTA] Full') })).toBeUndefined();
    expect(metadataMaxSizeOf(new Error('x'))).toBeUndefined();
  });
});
