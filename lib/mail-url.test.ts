import { describe, expect, it } from 'vitest';
import { INBOX_VIEW, mailUrl, parseMailUrl, safeNextPath, type MailView } from './mail-url';
import { encodeMessageId } from './message-id';

/** Parses a URL the way the page and the browser see it: path segments still encoded. */
function parse(url: string): MailView {
  const parsed = new URL(url, 'https://wren.test');
  const segments = parsed.pathname.split('/').slice(2).filter(Boolean);
  return parseMailUrl(segments, parsed.searchParams);
}

const projectsMessage = encodeMessageId({ path: 'Work/Projects', uidValidity: '7', uid: 12 });
const inboxMessage = encodeMessageId({ path: 'INBOX', uidValidity: '7', uid: 3 });

describe('mail view URLs', () => {
  it.each<[string, MailView, string]>([
    ['the Inbox', INBOX_VIEW, '/mail'],
    ['a nested folder', { ...INBOX_VIEW, folder: 'Work/Projects' }, '/mail/Work/Projects'],
    ['a message', { ...INBOX_VIEW, folder: 'Work/Projects', id: projectsMessage }, `/mail/Work/Projects/${projectsMessage}`],
    ['an Inbox message', { ...INBOX_VIEW, id: inboxMessage }, `/mail/INBOX/${inboxMessage}`],
    ['a search', { ...INBOX_VIEW, q: 'from:ann budget', scope: 'folder' }, '/mail/INBOX?q=from:ann+budget'],
    [
      'a search in all folders with a result open',
      { ...INBOX_VIEW, folder: 'Archive', id: projectsMessage, q: 'x', scope: 'all' },
      `/mail/Archive/${projectsMessage}?q=x&scope=all`,
    ],
    [
      'a search in all folders and shared ones',
      { ...INBOX_VIEW, q: 'rota', scope: 'shared' },
      '/mail/INBOX?q=rota&scope=shared',
    ],
    ['a new message', { ...INBOX_VIEW, compose: { kind: 'new' } }, '/mail/INBOX?compose=new'],
    [
      'a reply to all',
      { ...INBOX_VIEW, id: inboxMessage, compose: { kind: 'reply', id: inboxMessage, mode: 'all' } },
      `/mail/INBOX/${inboxMessage}?compose=all:${inboxMessage}`,
    ],
    ['a draft', { ...INBOX_VIEW, folder: 'Drafts', compose: { kind: 'draft', id: inboxMessage } }, `/mail/Drafts?compose=draft:${inboxMessage}`],
    ['the folder list', { ...INBOX_VIEW, folders: true }, '/mail/INBOX?folders'],
    ['odd folder names', { ...INBOX_VIEW, folder: 'Reçus ?#%&/日本' }, '/mail/Re%C3%A7us%20%3F%23%25%26/%E6%97%A5%E6%9C%AC'],
  ])('%s', (_name, view, url) => {
    expect(mailUrl(view)).toBe(url);
    expect(parse(url)).toEqual(view);
  });

  it('takes the last segment as a message only when the id names that folder', () => {
    // An id of another folder is a folder name here (a folder may be called anything).
    expect(parse(`/mail/Archive/${projectsMessage}`)).toEqual({ ...INBOX_VIEW, folder: `Archive/${projectsMessage}` });
    expect(parse('/mail/Work/12.3').folder).toBe('Work/12.3');
  });

  it.each([
    ['a bad escape', '/mail/%E0%A4%A'],
    ['a NUL in the folder', '/mail/In%00box'],
  ])('falls back to the Inbox on %s', (_name, url) => {
    expect(parse(url)).toEqual(INBOX_VIEW);
  });

  it('ignores an unknown compose request and a scope without a search', () => {
    expect(parse('/mail/INBOX?compose=delete:everything&scope=all')).toEqual(INBOX_VIEW);
    expect(parse('/mail/INBOX?compose=reply:not-an-id').compose).toBeNull();
  });
});

describe('where sign-in goes next', () => {
  it.each([
    ['/mail/Work/Projects?q=x', '/mail/Work/Projects?q=x'],
    ['/mail', '/mail'],
    [null, '/mail'],
    ['https://evil.test/mail', '/mail'],
    ['//evil.test/mail', '/mail'],
    ['/mailbox-elsewhere', '/mail'],
    ['/mail\\..\\evil', '/mail'],
    ['/api/session', '/mail'],
    ['/settings/identities', '/settings/identities'],
    ['/settingsx', '/mail'],
  ])('%s -> %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
