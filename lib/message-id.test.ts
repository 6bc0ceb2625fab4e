import { describe, expect, it } from 'vitest';
import { decodeMessageId, encodeMessageId, isValidFolderPath } from './message-id';

describe('message id codec', () => {
  it('round-trips folder, UIDVALIDITY and UID, including non-ASCII paths', () => {
    const ref = { path: 'Work/Projets é/日本', uidValidity: '1732550000', uid: 42 };
    const id = encodeMessageId(ref);
    expect(id).toMatch(/^[0-9]+\.[0-9]+\.[A-Za-z0-9_-]+$/);
    expect(decodeMessageId(id)).toEqual(ref);
  });

  it('is URL-safe: no characters that need escaping in a path segment', () => {
    const id = encodeMessageId({ path: '?/+&#%', uidValidity: '1', uid: 1 });
    expect(encodeURIComponent(id)).toBe(id);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'xyz'],
    ['uid zero', '1.0.SU5CT1g'],
    ['uid too large', '1.99999999999.SU5CT1g'],
    ['bad base64', '1.2.!!!'],
    ['path with CR/LF', encodeMessageId({ path: 'a', uidValidity: '1', uid: 1 }).replace(/\.[^.]+$/, '.YQ0KYg')],
    ['invalid UTF-8 path', '1.2._w'],
  ])('rejects a malformed id: %s', (_name, id) => {
    expect(decodeMessageId(id)).toBeNull();
  });

  it('folder paths: bounded, no CR, LF or NUL', () => {
    expect(isValidFolderPath('INBOX')).toBe(true);
    expect(isValidFolderPath('')).toBe(false);
    expect(isValidFolderPath('a\r\nb')).toBe(false);
    expect(isValidFolderPath('a\0')).toBe(false);
    expect(isValidFolderPath('x'.repeat(1001))).toBe(false);
  });
});
