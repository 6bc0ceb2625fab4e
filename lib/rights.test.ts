import { describe, expect, it } from 'vitest';
import { describeRights, hasRights, keysOf, lettersOf } from './rights';

describe('rights in plain words', () => {
  it('words become RFC 4314 letters in order: see lr, mark read s, star w, add ipk, delete tex, manage a', () => {
    expect(lettersOf(['see'])).toBe('lr');
    expect(lettersOf(['flag', 'see', 'markRead'])).toBe('lrsw');
    expect(lettersOf(['see', 'add', 'delete', 'manage'])).toBe('lripkxtea');
  });

  it("letters read back as the words they hold in full; Dovecot's obsolete c and d are ignored", () => {
    expect(keysOf('lrws')).toEqual(['see', 'markRead', 'flag']);
    expect(keysOf('lrwstipekxacd')).toEqual(['see', 'markRead', 'flag', 'add', 'delete', 'manage']);
    // t alone is not "delete": deleting needs t and e (and x for the folder).
    expect(keysOf('lrt')).toEqual(['see']);
    expect(describeRights('lrs')).toBe('see, mark read');
    expect(describeRights('')).toBe('no rights');
    // In the page's language (FolderMenuItems passes mail.share.verbs).
    const german = { see: 'sehen', markRead: 'als gelesen markieren', flag: 'mit Stern versehen', add: 'hinzufügen', delete: 'löschen', manage: 'teilen' } as const;
    expect(describeRights('lrsw', (key) => german[key], 'nichts')).toBe('sehen, als gelesen markieren, mit Stern versehen');
    expect(describeRights('', (key) => german[key], 'nichts')).toBe('nichts');
  });

  it('hasRights needs every letter', () => {
    expect(hasRights('lrws', 'sw')).toBe(true);
    expect(hasRights('lrws', 'te')).toBe(false);
  });
});
