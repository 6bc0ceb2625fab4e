import { describe, expect, it } from 'vitest';
import { settingsSchema } from '@/lib/schemas';
import { isOwnAddress, sendersOf } from './senders';

const settings = (fields: Record<string, unknown>) => settingsSchema.parse(fields);

describe('who may send', () => {
  it('without identities: the account’s address under the display name, the default', () => {
    expect(sendersOf('me@example.com', settings({ displayName: 'Me' }))).toEqual({ senders: [{ id: 'account', name: 'Me', address: 'me@example.com' }], defaultSenderId: 'account' });
  });

  it('the account first, then the identities; a nameless identity takes the display name; the default identity is the default', () => {
    const { senders, defaultSenderId } = sendersOf(
      'me@example.com',
      settings({
        displayName: 'Me',
        identities: [
          { id: 'a', name: '', address: 'support@example.com', replyTo: 'desk@example.com', signatureText: 'S', isDefault: false },
          { id: 'b', name: 'Sales', address: 'sales@example.com', signatureHtml: '<p>x</p>', isDefault: true },
        ],
      }),
    );
    expect(senders).toEqual([
      { id: 'account', name: 'Me', address: 'me@example.com' },
      { id: 'a', name: 'Me', address: 'support@example.com', replyTo: 'desk@example.com', signatureText: 'S' },
      { id: 'b', name: 'Sales', address: 'sales@example.com', signatureHtml: '<p>x</p>' },
    ]);
    expect(defaultSenderId).toBe('b');
  });

  it('an identity with the account’s address stands for it (no second entry); with no display name the default identity names the account', () => {
    const own = sendersOf('me@example.com', settings({ identities: [{ id: 'x', name: 'Work me', address: 'ME@example.com', isDefault: true }] }));
    expect(own.senders.map((s) => s.id)).toEqual(['x']);
    const named = sendersOf('me@example.com', settings({ identities: [{ id: 'x', name: 'Boss', address: 'boss@example.com', isDefault: true }] }));
    expect(named.senders[0]).toEqual({ id: 'account', name: 'Boss', address: 'me@example.com' });
  });

  it('may send as the account’s address or an identity’s, in any letter case; nothing else', () => {
    const s = settings({ identities: [{ id: 'x', address: 'support@example.com' }] });
    expect(isOwnAddress('me@example.com', s, 'ME@example.com')).toBe(true);
    expect(isOwnAddress('me@example.com', s, 'Support@Example.com')).toBe(true);
    expect(isOwnAddress('me@example.com', s, 'boss@example.com')).toBe(false);
  });
});
