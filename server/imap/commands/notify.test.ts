import type { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { parseListNotice, parseStatusResponse, setNotify } from './notify';

// A connection as decodePath sees it: no UTF8=ACCEPT, so names are modified UTF-7.
const client = { enabled: new Set<string>(), capabilities: new Map() } as unknown as ImapFlow;
const atom = (value: string) => ({ type: 'ATOM', value });
/** `* LIST (<flags>) "/" <name> [<extended>]` as imapflow parses it. */
type Item = { type: string; value: string };
const list = (flags: string[], name: string, extended?: Array<Item | Item[]>) => ({
  attributes: [flags.map(atom), { type: 'STRING', value: '/' }, { type: 'STRING', value: name }, ...(extended ? [extended] : [])],
});

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

describe('parseListNotice', () => {
  it('reads the three notices Dovecot sends for MailboxName: deleted, renamed (with the old name), created', () => {
    expect(parseListNotice(client, list(['\\NonExistent'], 'ProbeY'))).toEqual({ paths: ['ProbeY'], notice: true });
    expect(parseListNotice(client, list([], 'ProbeW', [atom('OLDNAME'), [{ type: 'STRING', value: 'Entw&APw-rfe' }]]))).toEqual({ paths: ['ProbeW', 'Entwürfe'], notice: true });
    expect(parseListNotice(client, list([], 'Drafts'))).toEqual({ paths: ['Drafts'], notice: false });
    // A LIST command's own answer for a namespace root that only has children.
    expect(parseListNotice(client, list(['\\NonExistent', '\\HasChildren'], 'Public'))).toEqual({ paths: ['Public'], notice: false });
  });
  it('answers null for a LIST without a name', () => {
    expect(parseListNotice(client, { attributes: [[]] })).toBeNull();
  });
});

describe('a LIST command on a connection with NOTIFY', () => {
  // The connection as setNotify and the tee see it; `replies` plays what the server sends to each command.
  function connection(replies: Record<string, Array<{ attributes: unknown[] }>>) {
    const fake = {
      enabled: new Set<string>(),
      capabilities: new Map(),
      namespaces: {},
      untaggedHandlers: {} as Record<string, unknown>,
      on: () => undefined,
      exec: async (command: string, _attributes: unknown[], options?: { untagged?: Record<string, (u: unknown) => unknown> }) => {
        for (const untagged of replies[command] ?? []) await options?.untagged?.[command === 'NOTIFY' ? 'STATUS' : command]?.(untagged);
        return { next: () => undefined };
      },
    };
    return fake;
  }
  it('gets its own folders only, each once (the fuller line of two), and the notices go on as folder changes', async () => {
    const fake = connection({
      LIST: [
        list(['\\HasNoChildren'], 'INBOX'),
        list(['\\NonExistent', '\\HasChildren'], 'Public'), // the command's own: a namespace root
        list([], 'Drafts'), // a created folder's notice, before the command's own line
        list(['\\HasNoChildren', '\\Drafts'], 'Drafts'),
        list(['\\NonExistent'], 'Old'), // deleted
        list(['\\HasNoChildren'], 'Work'),
        list([], 'Work'), // the notice after the command's line
        list([], 'New', [atom('OLDNAME'), [{ type: 'STRING', value: 'Before' }]]),
      ],
    });
    const names: string[] = [];
    await setNotify(fake as unknown as ImapFlow, () => undefined, (path) => names.push(path));
    const listed: string[] = [];
    const response = await (fake.exec as (c: string, a: unknown[], o: unknown) => Promise<unknown>)('LIST', [], {
      untagged: { LIST: (u: { attributes: [Array<{ value: string }>, unknown, { value: string }] }) => void listed.push(`${u.attributes[2].value} ${u.attributes[0].map((f) => f.value).join(' ')}`) },
    });
    expect(response).toBeTruthy();
    expect(listed).toEqual(['INBOX \\HasNoChildren', 'Public \\NonExistent \\HasChildren', 'Drafts \\HasNoChildren \\Drafts', 'Work \\HasNoChildren']);
    expect(names).toEqual(['Drafts', 'Old', 'Work', 'New', 'Before']);
    // A notice with no command running.
    await (fake.untaggedHandlers.LIST as (u: unknown) => unknown)(list(['\\NonExistent'], 'Later'));
    expect(names.at(-1)).toBe('Later');
  });
});
