import { beforeAll, describe, expect, it } from 'vitest';
import { offlineKeyOf, offlineStoreName } from './offline-key';
import type { Session } from './session';

const session = (id: string, key: string, username = 'ann'): Session => ({ id, username, key, sealedPassword: 'x', expiresAt: 1_000 });
const KEY_A = Buffer.alloc(32, 1).toString('base64url');
const KEY_B = Buffer.alloc(32, 2).toString('base64url');

beforeAll(() => {
  process.env.SESSION_SECRET ??= 'unit-test-secret-0123456789abcdef0123456789';
  process.env.IMAP_HOST ??= '127.0.0.1';
});

describe('the offline key of a session', () => {
  it('is the same for the same session on any process, another for another session', () => {
    const a = offlineKeyOf(session('s1', KEY_A));
    expect(offlineKeyOf(session('s1', KEY_A))).toEqual(a);
    expect(offlineKeyOf(session('s2', KEY_A)).enc).not.toBe(a.enc);
    expect(offlineKeyOf(session('s1', KEY_B)).enc).not.toBe(a.enc);
    expect(Buffer.from(a.enc, 'base64url')).toHaveLength(32);
    expect(Buffer.from(a.mac, 'base64url')).toHaveLength(32);
    expect(a.mac).not.toBe(a.enc);
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.expiresAt).toBe(1_000);
  });

  it('reveals neither the cookie key nor the username', () => {
    const a = offlineKeyOf(session('s1', KEY_A));
    expect([a.enc, a.mac, a.keyId, a.store]).not.toContain(KEY_A);
    expect(a.store).toMatch(/^wren-offline-[0-9a-f]{24}$/);
    expect(a.store).not.toContain('ann');
  });

  it('names one store per user', () => {
    expect(offlineStoreName('ann')).toBe(offlineStoreName('Ann '));
    expect(offlineStoreName('ann')).not.toBe(offlineStoreName('bob'));
  });
});
