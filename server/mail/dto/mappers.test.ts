import { describe, expect, it } from 'vitest';
import type { FetchMessageObject, ListResponse } from 'imapflow';
import { decodeMessageId } from '@/lib/message-id';
import { filterSubscribed, sortFolders, toFixedRow, toFolderDto, toFolderDtos, toRowDto } from './mappers';

const entry = (path: string, specialUse?: string, status?: { messages: number; unseen: number }): ListResponse => {
  const parts = path.split('/');
  return {
    path,
    pathAsListed: path,
    name: parts[parts.length - 1],
    delimiter: '/',
    parent: parts.slice(0, -1),
    parentPath: parts.slice(0, -1).join('/'),
    flags: new Set(),
    specialUse,
    listed: true,
    subscribed: true,
    status: status ? { path, ...status } : undefined,
  };
};

describe('folder mapping', () => {
  it('names special-use folders by role and keeps counts', () => {
    expect(toFolderDto(entry('Deleted Items', '\\Trash', { messages: 3, unseen: 1 }))).toMatchObject({
      name: 'Trash',
      role: 'trash',
      total: 3,
      unread: 1,
    });
    expect(toFolderDto(entry('INBOX')).role).toBe('inbox');
  });

  it('orders roles first, then the rest by name, children after their parent', () => {
    const sorted = sortFolders(
      [
        entry('Zeta'),
        entry('Work/Projects'),
        entry('Spam', '\\Junk'),
        entry('Work'),
        entry('INBOX'),
        entry('alpha'),
        entry('Sent Messages', '\\Sent'),
        entry('Orphan/Child'),
      ].map((e) => toFolderDto(e)),
    );
    expect(sorted.map((f) => `${f.depth}:${f.path}`)).toEqual([
      '0:INBOX',
      '0:Sent Messages',
      '0:Spam',
      '0:alpha',
      '0:Orphan/Child',
      '0:Work',
      '1:Work/Projects',
      '0:Zeta',
    ]);
  });
});

describe('shared and public folders (NAMESPACE, as Dovecot answers it)', () => {
  // * NAMESPACE (("" "/")) (("shared/" "/")) (("Public/" "/"))
  const namespaces = { other: [{ prefix: 'shared/', delimiter: '/' }], shared: [{ prefix: 'Public/', delimiter: '/' }] };
  const listed = [
    entry('INBOX'),
    entry('Work'),
    entry('shared'),
    entry('shared/zed'),
    entry('shared/zed/Plans'),
    entry('shared/ana'),
    entry('shared/ana/INBOX'),
    entry('shared/ana/Team'),
    entry('shared/ana/Team/2024'),
    entry('shared/ana/Sent', '\\Sent'),
    entry('Public'),
    entry('Public/Announcements'),
    entry('Sent Messages', '\\Sent'),
  ];

  it('drops the nodes that only hold a namespace, and says whose each folder is', () => {
    const folders = toFolderDtos(listed, namespaces);
    expect(folders.map((f) => f.path)).not.toContain('shared');
    expect(folders.map((f) => f.path)).not.toContain('shared/ana');
    expect(folders.map((f) => f.path)).not.toContain('Public');
    expect(folders.find((f) => f.path === 'shared/ana/Team')).toMatchObject({ namespace: 'shared', owner: 'ana', parentPath: null, depth: 0, rights: '', subscribed: true });
    expect(folders.find((f) => f.path === 'shared/ana/Team/2024')).toMatchObject({ parentPath: 'shared/ana/Team', depth: 1 });
    expect(folders.find((f) => f.path === 'Public/Announcements')).toMatchObject({ namespace: 'public', owner: null, parentPath: null });
    expect(folders.find((f) => f.path === 'Work')).toMatchObject({ namespace: 'personal', owner: null, rights: 'lrswipkxtea' });
  });

  it("another user's Inbox and Sent are not the user's own: no role, the Inbox named Inbox", () => {
    const folders = toFolderDtos(listed, namespaces);
    expect(folders.find((f) => f.path === 'shared/ana/INBOX')).toMatchObject({ role: null, name: 'Inbox' });
    expect(folders.find((f) => f.path === 'shared/ana/Sent')).toMatchObject({ role: null, name: 'Sent' });
    expect(folders.find((f) => f.path === 'Sent Messages')?.role).toBe('sent');
  });

  it('orders own folders, then each owner\'s by owner name, then public ones', () => {
    const sorted = sortFolders(toFolderDtos(listed, namespaces));
    expect(sorted.map((f) => `${f.depth}:${f.path}`)).toEqual([
      '0:INBOX',
      '0:Sent Messages',
      '0:Work',
      '0:shared/ana/INBOX',
      '0:shared/ana/Sent',
      '0:shared/ana/Team',
      '1:shared/ana/Team/2024',
      '0:shared/zed/Plans',
      '0:Public/Announcements',
    ]);
  });

  it('without NAMESPACE every folder is the user\'s own', () => {
    expect(toFolderDtos([entry('shared/ana/Team')]).map((f) => [f.namespace, f.owner])).toEqual([['personal', null]]);
  });
});

describe('message summary mapping', () => {
  it('maps flags, first sender, arrival date and an id carrying folder, UIDVALIDITY and UID', () => {
    const msg: FetchMessageObject = {
      seq: 7,
      uid: 42,
      size: 1234,
      flags: new Set(['\\Seen', '\\Flagged']),
      internalDate: new Date('2025-03-01T10:00:00Z'),
      envelope: { subject: 'Grüße', from: [{ name: 'Jörg', address: 'jorg@example.de' }] },
      bodyStructure: { type: 'text/plain' },
    };
    const dto = toRowDto(toFixedRow(msg), msg, 'Work/Projects', 123n);
    expect(dto).toMatchObject({
      uid: 42,
      subject: 'Grüße',
      from: { name: 'Jörg', address: 'jorg@example.de' },
      date: '2025-03-01T10:00:00.000Z',
      size: 1234,
      seen: true,
      flagged: true,
      answered: false,
      hasAttachments: false,
    });
    expect(decodeMessageId(dto.id)).toEqual({ path: 'Work/Projects', uidValidity: '123', uid: 42 });
  });

  it('keeps the preview the FETCH brought in the fixed row, and has no preview key without one', () => {
    const msg: FetchMessageObject = { seq: 1, uid: 5, envelope: { subject: 'Lunch' } };
    expect(toFixedRow({ ...msg, preview: 'Lunch is at noon.' }).preview).toBe('Lunch is at noon.');
    expect('preview' in toFixedRow(msg)).toBe(false);
  });
});

describe('subscribed folders', () => {
  const folder = (path: string, subscribed: boolean, specialUse?: string) => toFolderDto({ ...entry(path, specialUse), subscribed });

  it('INBOX counts as subscribed whatever the server says', () => {
    expect(folder('INBOX', false).subscribed).toBe(true);
    expect(folder('Work', false).subscribed).toBe(false);
  });

  it('keeps subscribed folders and the unsubscribed ancestors that hold them in the tree', () => {
    const kept = filterSubscribed([
      folder('INBOX', false),
      folder('Archive', false),
      folder('Work', false),
      folder('Work/Old', false),
      folder('Work/Old/2019', true),
      folder('Work/New', false),
      folder('Notes', true),
    ]);
    expect(kept.map((f) => `${f.path}:${f.subscribed}`)).toEqual([
      'INBOX:true',
      'Work:false',
      'Work/Old:false',
      'Work/Old/2019:true',
      'Notes:true',
    ]);
  });
});
