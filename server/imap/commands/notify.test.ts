import type { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { parseStatusResponse } from './notify';

// A connection as decodePath sees it: no UTF8=ACCEPT, so names are modified UTF-7.
const client = { enabled: new Set<string>(), capabilities: new Map() } as unknown as ImapFlow;
const atom = (value: string) => ({ type: 'ATOM', value });

describe('parseStatusResponse', () => {
  it('reads an untagged STATUS as Dovecot sends it for NOTIFY (UIDVALIDITY may be left out)', () => {
    const untagged = { attributes: [{ type: 'STRING', value: 'Sent Messages' }, ['MESSAGES', '1', 'UIDNEXT', '2', 'UNSEEN', '1', 'HIGHESTMODSEQ', '6'].map(atom)] };
    expect(parseStatusResponse(client, untagged)).toEqual({ path: 'Sent Messages', messages: 1, uidNext: 2, highestModseq: '6' });
  });

  it('keeps UIDVALIDITY and a HIGHESTMODSEQ beyond 2^53 as text, and decodes a modified UTF-7 name', () => {
    const untagged = { attributes: [atom('Entw&APw-rfe'), ['UIDVALIDITY', '1796137681', 'HIGHESTMODSEQ', '18446744073709551615'].map(atom)] };
    expect(parseStatusResponse(client, untagged)).toEqual({ path: 'Entwürfe', uidValidity: '1796137681', highestModseq: '18446744073709551615' });
  });

  it('answers null for what is not a STATUS with a list', () => {
    expect(parseStatusResponse(client, { attributes: [atom('INBOX')] })).toBeNull();
    expect(parseStatusResponse(client, {})).toBeNull();
  });
});
