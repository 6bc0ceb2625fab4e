import { describe, expect, it } from 'vitest';
import { createFolderInputSchema, folderAclInputSchema, folderListQuerySchema, folderNameProblem, folderNameSchema, FOLDER_NAME_MAX } from './schemas';

describe('folder names', () => {
  it('accepts ordinary names, with spaces, dots and any script', () => {
    for (const name of ['Receipts', 'Team lunch 2024', 'v1.2', 'Über Ordner ✓', '日本語', 'a'.repeat(FOLDER_NAME_MAX)]) {
      expect([name, folderNameProblem(name, '/')]).toEqual([name, null]);
    }
  });

  it('empty or whitespace only -> required', () => {
    expect(folderNameProblem('')).toBe('Folder name is required');
    expect(folderNameProblem(' \t ')).toBe('Folder name is required');
  });

  it('the hierarchy delimiter -> refused: nesting is by parent', () => {
    expect(folderNameProblem('Work/Old', '/')).toMatch(/cannot contain "\/": choose a parent folder/);
    expect(folderNameProblem('Work.Old', '.')).toMatch(/cannot contain "\."/);
    // Another server's delimiter is an ordinary character.
    expect(folderNameProblem('Work.Old', '/')).toBeNull();
  });

  it(`longer than ${FOLDER_NAME_MAX} characters -> refused`, () => {
    expect(folderNameProblem('a'.repeat(FOLDER_NAME_MAX + 1))).toBe(`Folder name must be at most ${FOLDER_NAME_MAX} characters`);
  });

  it('CR, LF or NUL -> refused', () => {
    for (const name of ['a\rb', 'a\nb', 'a\r\nb', 'a\0b']) {
      expect(folderNameProblem(name)).toBe('Folder name cannot contain line breaks or NUL characters');
    }
  });

  it('IMAP wildcards * and % -> refused', () => {
    expect(folderNameProblem('a*b')).toBe('Folder name cannot contain * or %');
    expect(folderNameProblem('100%')).toBe('Folder name cannot contain * or %');
  });

  it('the schema trims surrounding whitespace, then applies the rules', () => {
    expect(folderNameSchema.parse('  Receipts  ')).toBe('Receipts');
    expect(folderNameSchema.safeParse('   ').success).toBe(false);
    expect(folderNameSchema.safeParse(`${'a'.repeat(FOLDER_NAME_MAX)}  `).success).toBe(true);
    expect(folderNameSchema.safeParse('a%').error?.issues[0].message).toBe('Folder name cannot contain * or %');
  });
});

describe('folder admin inputs', () => {
  it('a create without parent is a top-level create', () => {
    expect(createFolderInputSchema.parse({ name: 'X' })).toEqual({ parent: null, name: 'X' });
    expect(createFolderInputSchema.parse({ parent: null, name: 'X' })).toEqual({ parent: null, name: 'X' });
    expect(createFolderInputSchema.safeParse({ parent: 'a\nb', name: 'X' }).success).toBe(false);
  });

  it('?all=1 lists every folder, anything else but 0 is refused', () => {
    expect(folderListQuerySchema.parse({})).toEqual({ all: false });
    expect(folderListQuerySchema.parse({ all: '1' })).toEqual({ all: true });
    expect(folderListQuerySchema.parse({ all: '0' })).toEqual({ all: false });
    expect(folderListQuerySchema.safeParse({ all: 'yes' }).success).toBe(false);
  });
});

describe('folderAclInputSchema', () => {
  const input = (identifier: string, rights: string[] = ['see']) => folderAclInputSchema.safeParse({ path: 'Team', identifier, rights });

  it('takes another user by login name and rights in plain words, "see" among them', () => {
    expect(input(' ann.lee@example.com ', ['see', 'flag']).data).toEqual({ path: 'Team', identifier: 'ann.lee@example.com', rights: ['see', 'flag'] });
  });

  it('refuses everyone at once, groups, negative rights, unknown words and rights without "see"', () => {
    for (const identifier of ['anyone', 'Authenticated', 'owner', '$team', '-ben', 'ben lr', '']) expect([identifier, input(identifier).success]).toEqual([identifier, false]);
    expect(input('ben', ['see', 'lrs']).success).toBe(false);
    expect(input('ben', ['flag']).success).toBe(false);
  });
});
