import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { parseQuery } from '@/lib/search-query';
import { compileQuery } from '@/server/mail/search/compiler';
import { rawImap } from '../support/dovecot';
import { manifest, type FixtureMessage } from '../support/manifest';

// The query language against the real Dovecot: parse, compile, and let imapflow send the search
// object. Read-only: every folder is EXAMINEd, nothing is stored or moved.

let client: ImapFlow;

beforeAll(async () => {
  client = await rawImap('alice');
});

afterAll(async () => {
  await client?.logout();
});

async function search(folder: string, query: string, now = new Date()): Promise<number[]> {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(`"${query}": ${parsed.error.message}`);
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const uids = await client.search(compileQuery(parsed.ast, now), { uid: true });
    if (!uids) throw new Error(`the server refused the search for "${query}"`);
    return [...uids].sort((a, b) => a - b);
  } finally {
    lock.release();
  }
}

/** UIDs of the fixtures of `folder` that match, from the manifest. */
function expected(folder: string, match: (m: FixtureMessage) => boolean): number[] {
  return manifest.messages.filter((m) => m.folder === folder && match(m)).map((m) => m.uid);
}

const seen = (m: FixtureMessage) => m.flags.includes('\\Seen');
const flagged = (m: FixtureMessage) => m.flags.includes('\\Flagged');
const answered = (m: FixtureMessage) => m.flags.includes('\\Answered');
const fromOlivia = (m: FixtureMessage) => m.from.address.startsWith('olivia@');
const dated = (m: FixtureMessage) => m.date.slice(0, 10);
const size = (m: FixtureMessage) => statSync(join(process.cwd(), 'e2e/seed/mail', m.folder, m.file)).size;

type Case = [folder: string, query: string, count: number, match: (m: FixtureMessage) => boolean];

const cases: Case[] = [
  ['INBOX', '', 7, () => true],
  ['INBOX', 'from:olivia', 2, fromOlivia],
  ['INBOX', 'from:"Olivia Plain"', 2, fromOlivia],
  ['INBOX', 'is:unread', 4, (m) => !seen(m)],
  ['INBOX', '-is:unread', 3, seen],
  ['INBOX', 'is:read', 3, seen],
  ['INBOX', 'is:flagged', 2, flagged],
  ['INBOX', 'is:answered', 1, answered],
  ['INBOX', 'is:flagged OR is:answered', 3, (m) => flagged(m) || answered(m)],
  ['INBOX', 'from:olivia -is:unread', 1, (m) => fromOlivia(m) && seen(m)],
  ['INBOX', '-from:olivia -is:unread', 2, (m) => !fromOlivia(m) && seen(m)],
  ['INBOX', '-(from:olivia OR is:flagged)', 4, (m) => !fromOlivia(m) && !flagged(m)],
  ['INBOX', '(from:olivia OR from:rita) is:flagged', 2, (m) => (fromOlivia(m) || m.from.address.startsWith('rita@')) && flagged(m)],
  ['INBOX', 'subject:plain subject:re', 1, (m) => m.subject === 'Re: Plain hello'],
  ['INBOX', '"plain hello" -subject:re', 1, (m) => m.subject === 'Plain hello'],
  ['INBOX', 'has:attachment', 2, (m) => m.attachments.some((a) => a.disposition === 'attachment')],
  ['INBOX', 'before:2024-03-03', 2, (m) => dated(m) < '2024-03-03'],
  ['INBOX', 'on:2024-03-03', 1, (m) => dated(m) === '2024-03-03'],
  ['INBOX', 'after:2024-03-03', 4, (m) => dated(m) > '2024-03-03'],
  ['INBOX', 'after:2024-03-02 before:2024-03-05', 2, (m) => dated(m) > '2024-03-02' && dated(m) < '2024-03-05'],
  ['INBOX', 'smaller:1K', 4, (m) => size(m) < 1024],
  ['INBOX', 'larger:1K smaller:2K', 2, (m) => size(m) > 1024 && size(m) < 2048],
  ['INBOX', 'larger:4K', 1, (m) => size(m) > 4096],
  ['INBOX', 'Grüße', 1, (m) => m.textContains.some((t) => t.includes('Grüße'))],
  ['INBOX', 'subject:日本語', 1, (m) => m.subject.includes('日本語')],
  ['INBOX', 'from:Zoë', 1, (m) => m.from.name.includes('Zoë')],
  ['INBOX', 'café -is:read', 1, (m) => m.subject.includes('Café') && !seen(m)],
  ['Charsets', 'Grüße', 1, (m) => m.subject.includes('Grüße')],
  ['Charsets', 'déjà', 1, (m) => m.subject.includes('déjà')],
  ['Charsets', 'subject:Zürich', 1, (m) => m.subject.includes('Zürich')],
  ['Charsets', 'žluťoučký', 1, (m) => m.subject.includes('žluťoučký')],
  ['Charsets', 'subject:Привет', 1, (m) => m.subject.includes('Привет')],
  ['Charsets', 'subject:"Тест кодировки"', 1, (m) => m.subject.includes('Тест кодировки')],
  ['Charsets', 'body:Straße OR body:Ærøskøbing', 1, (m) => m.textContains.some((t) => t.includes('Straße'))],
  ['Work', 'subject:quokka', 1, (m) => m.subject.toLowerCase().includes('quokka')],
  ['Work', 'body:quokka', 0, () => false],
  ['Work', 'body:marmalade', 1, (m) => m.textContains.some((t) => t.includes('marmalade'))],
  ['Work', 'quokka OR marmalade', 2, () => true],
  ['Work', 'xylophone', 0, () => false],
  ['Work/Projects', 'xylophone', 1, (m) => m.subject.includes('Xylophone')],
];

describe('search queries compiled for the real Dovecot', () => {
  it.each(cases)('%s: %j -> %i', async (folder, query, count, match) => {
    const want = expected(folder, match);
    expect(want).toHaveLength(count);
    expect(await search(folder, query)).toEqual(want);
  });

  it('larger:/smaller: are strict at the exact RFC822 size', async () => {
    const report = manifest.messages.find((m) => m.folder === 'INBOX' && m.subject === 'Report attached')!;
    expect(await search('INBOX', `larger:${size(report) - 1}`)).toEqual([report.uid]);
    expect(await search('INBOX', `larger:${size(report)}`)).toEqual([]);
    expect(await search('INBOX', `smaller:${size(report)}`)).not.toContain(report.uid);
  });

  it('older_than:/newer_than: count back from `now` in UTC days', async () => {
    const inbox = (match: (m: FixtureMessage) => boolean) => expected('INBOX', match);
    // now 5 March noon: newer_than:2d is since 3 March 00:00 UTC.
    expect(await search('INBOX', 'newer_than:2d', new Date('2024-03-05T12:00:00Z'))).toEqual(inbox((m) => dated(m) >= '2024-03-03'));
    // now 9 March noon: older_than:1w is before 2 March 00:00 UTC.
    expect(await search('INBOX', 'older_than:1w', new Date('2024-03-09T12:00:00Z'))).toEqual(inbox((m) => dated(m) < '2024-03-02'));
    expect(await search('INBOX', 'older_than:1m', new Date('2024-04-08T00:00:00Z'))).toEqual(inbox(() => true));
    expect(await search('INBOX', 'newer_than:1y', new Date('2026-01-01T00:00:00Z'))).toEqual([]);
  });
});
