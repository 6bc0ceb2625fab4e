import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as foldersRoute from '@/app/api/folders/route';
import type { StatusObject } from 'imapflow';
import type { FolderDto } from '@/lib/types';
import { rawImap } from '../support/dovecot';
import { call, cookieFrom } from './call';

let folders: FolderDto[];

beforeAll(async () => {
  const signIn = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } });
  const res = await call(foldersRoute.GET, '/api/folders', { cookie: cookieFrom(signIn) });
  expect(res.status).toBe(200);
  folders = (await res.json()).folders;
});

describe('GET /api/folders', () => {
  it('special-use folders come first, named by role whatever the server calls them', () => {
    expect(folders.slice(0, 6).map((f) => [f.role, f.name, f.path])).toEqual([
      ['inbox', 'Inbox', 'INBOX'],
      ['drafts', 'Drafts', 'Drafts'],
      ['sent', 'Sent', 'Sent Messages'],
      ['archive', 'Archive', 'Archives'],
      ['junk', 'Junk', 'Spam'],
      ['trash', 'Trash', 'Deleted Items'],
    ]);
  });

  it('hierarchy: Work/Projects directly follows Work, one level deeper', () => {
    const work = folders.findIndex((f) => f.path === 'Work');
    expect(work).toBeGreaterThan(5);
    expect(folders[work + 1]).toMatchObject({ path: 'Work/Projects', name: 'Projects', depth: 1, parentPath: 'Work' });
    expect(folders[work].depth).toBe(0);
  });

  it('unread and total counts equal what the server reports for every folder', async () => {
    const client = await rawImap('alice');
    try {
      for (const folder of folders) {
        const status = (await client.status(folder.path, { messages: true, unseen: true })) as StatusObject;
        expect([folder.path, folder.total, folder.unread]).toEqual([folder.path, status.messages, status.unseen]);
      }
    } finally {
      await client.logout();
    }
    expect(folders.find((f) => f.path === 'INBOX')!.unread).toBeGreaterThan(0);
  });
});
