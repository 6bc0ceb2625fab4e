import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetEnv } from '../env';
import { deviceCookieHeader, deviceOf, issueDeviceToken } from './device';

beforeAll(() => {
  vi.stubEnv('IMAP_HOST', 'mail.example.org');
  vi.stubEnv('IMAP_TLS', 'implicit');
  vi.stubEnv('SMTP_TLS', 'starttls');
  vi.stubEnv('SESSION_SECRET', 'x'.repeat(32));
  resetEnv();
});

// The unit files of a worker share their modules (vitest.config.mts): the next file finds the
// environment as it was.
afterAll(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

describe('device cookies', () => {
  it('name the user they were issued to, whatever the case or spaces of the username', () => {
    const token = issueDeviceToken('Alice');
    expect(deviceOf(token, 'alice')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(deviceOf(token, ' ALICE ')).toBe(deviceOf(token, 'alice'));
    expect(deviceOf(token, 'bob')).toBeNull();
    expect(deviceOf(issueDeviceToken('alice'), 'alice')).not.toBe(deviceOf(token, 'alice'));
  });

  it('refuse a token that was altered or forged', () => {
    const [user, nonce, signature] = issueDeviceToken('alice').split('.');
    const bob = Buffer.from('bob').toString('base64url');
    expect(deviceOf(`${bob}.${nonce}.${signature}`, 'bob')).toBeNull();
    expect(deviceOf(`${user}.${nonce}x.${signature}`, 'alice')).toBeNull();
    expect(deviceOf(`${user}.${nonce}.${signature}.x`, 'alice')).toBeNull();
    expect(deviceOf(`${user}.${nonce}`, 'alice')).toBeNull();
    expect(deviceOf(undefined, 'alice')).toBeNull();
    expect(deviceOf('x'.repeat(400), 'alice')).toBeNull();
  });

  it('go only to the sign-in endpoint, out of reach of scripts', () => {
    expect(deviceCookieHeader('t', true)).toBe('wren_device=t; Path=/api/session; HttpOnly; SameSite=Lax; Max-Age=31536000; Secure');
  });
});
