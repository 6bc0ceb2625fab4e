import { describe, expect, it } from 'vitest';
import { pushPayload, senderName } from './payload';

describe('senderName', () => {
  it('takes the display name, decoded, else the address', () => {
    expect(senderName('=?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <j@ex.com>')).toBe('Jürgen Müller');
    expect(senderName('"Doe, Jane" <jane@ex.com>')).toBe('Doe, Jane');
    expect(senderName('<only@ex.com>')).toBe('only@ex.com');
    expect(senderName('bare@ex.com')).toBe('bare@ex.com');
    expect(senderName(undefined)).toBe('');
  });
});

describe('pushPayload', () => {
  const mail = { uidValidity: '1700000000', uid: 42, from: 'Ann <ann@ex.com>', subject: '=?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n again' };

  it('with previews: sender as title, subject as body, the message URL', () => {
    expect(pushPayload(mail, true)).toEqual({ title: 'Ann', body: 'Grüße again', url: '/mail/INBOX/1700000000.42.SU5CT1g' });
  });

  it('without previews: "New mail" and nothing of the message but its URL', () => {
    expect(pushPayload(mail, false)).toEqual({ title: 'New mail', body: '', url: '/mail/INBOX/1700000000.42.SU5CT1g' });
  });

  it('a delivery the mail server gave no UID (0) opens the Inbox', () => {
    expect(pushPayload({ ...mail, uid: 0 }, true)).toEqual({ title: 'Ann', body: 'Grüße again', url: '/mail' });
  });

  it('clips long text; a message without From or Subject still says something', () => {
    expect(pushPayload({ uidValidity: '1', uid: 1 }, true)).toMatchObject({ title: 'New mail', body: '(no subject)' });
    const long = pushPayload({ ...mail, subject: 'x'.repeat(500) }, true);
    expect(long.body).toHaveLength(160);
    expect(long.body.endsWith('…')).toBe(true);
  });
});
