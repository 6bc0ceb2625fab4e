import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, newSessionSecrets } from './crypto';

describe('password sealing', () => {
  it('round-trips under the session key and never contains the plaintext', () => {
    const { key } = newSessionSecrets();
    const sealed = encryptSecret('pässwörd', key);
    expect(sealed).not.toContain('pässwörd');
    expect(decryptSecret(sealed, key)).toBe('pässwörd');
  });

  it('fails with another key or a tampered ciphertext', () => {
    const a = newSessionSecrets();
    const b = newSessionSecrets();
    const sealed = encryptSecret('secret', a.key);
    expect(() => decryptSecret(sealed, b.key)).toThrow();
    const [iv, tag, body] = sealed.split('.');
    const flipped = body.startsWith('A') ? `B${body.slice(1)}` : `A${body.slice(1)}`;
    expect(() => decryptSecret([iv, tag, flipped].join('.'), a.key)).toThrow();
  });

  it('session ids and keys are random and distinct', () => {
    const seen = new Set(Array.from({ length: 100 }, () => newSessionSecrets().id));
    expect(seen.size).toBe(100);
  });
});
