import { describe, expect, it } from 'vitest';
import type { MessageStructureObject } from 'imapflow';
import { contentIdParts, estimateDecodedSize, findBodyPart, findPart, hasAttachments, inlineContentId, listAttachments } from './structure';

const leaf = (part: string | undefined, type: string, extra: Partial<MessageStructureObject> = {}): MessageStructureObject => ({
  part,
  type,
  size: 100,
  ...extra,
});
const multi = (part: string | undefined, type: string, childNodes: MessageStructureObject[]): MessageStructureObject => ({
  part,
  type,
  childNodes,
});

describe('findBodyPart', () => {
  it('a single-part text message is part 1', () => {
    expect(findBodyPart(leaf(undefined, 'text/plain'))).toEqual({ part: '1', type: 'text/plain' });
  });

  it('prefers HTML inside multipart/alternative', () => {
    const root = multi(undefined, 'multipart/alternative', [leaf('1', 'text/plain'), leaf('2', 'text/html')]);
    expect(findBodyPart(root)).toEqual({ part: '2', type: 'text/html' });
  });

  it('finds the alternative nested in mixed and related, skipping attached text', () => {
    const root = multi(undefined, 'multipart/mixed', [
      multi('1', 'multipart/related', [
        multi('1.1', 'multipart/alternative', [leaf('1.1.1', 'text/plain'), leaf('1.1.2', 'text/html')]),
        leaf('1.2', 'image/png', { id: '<logo@x>' }),
      ]),
      leaf('2', 'text/plain', { disposition: 'attachment', dispositionParameters: { filename: 'notes.txt' } }),
    ]);
    expect(findBodyPart(root)).toEqual({ part: '1.1.2', type: 'text/html' });
  });

  it('returns null when there is no text part to show', () => {
    expect(findBodyPart(leaf(undefined, 'application/pdf'))).toBeNull();
  });
});

describe('listAttachments', () => {
  const root = multi(undefined, 'multipart/mixed', [
    multi('1', 'multipart/alternative', [leaf('1.1', 'text/plain'), leaf('1.2', 'text/html')]),
    leaf('2', 'application/pdf', { disposition: 'attachment', dispositionParameters: { filename: 'résumé €.pdf' }, size: 2048 }),
    leaf('3', 'image/png', { id: '<img1@x>', disposition: 'inline' }),
    leaf('4', 'message/rfc822', { envelope: { subject: 'Fwd thing' } }),
  ]);

  it('lists real attachments with decoded names and sizes, inline cid images marked inline', () => {
    expect(listAttachments(root, '1.2')).toEqual([
      { part: '2', filename: 'résumé €.pdf', contentType: 'application/pdf', size: 2048, inline: false },
      { part: '3', filename: 'part-3.png', contentType: 'image/png', size: 100, inline: true },
      { part: '4', filename: 'Fwd thing.eml', contentType: 'message/rfc822', size: 100, inline: false },
    ]);
  });

  it('does not count the unchosen alternative as an attachment', () => {
    expect(listAttachments(root, '1.2').map((a) => a.part)).not.toContain('1.1');
  });

  it('hasAttachments ignores inline images', () => {
    expect(hasAttachments(root)).toBe(true);
    const related = multi(undefined, 'multipart/related', [leaf('1', 'text/html'), leaf('2', 'image/png', { id: '<a@b>' })]);
    expect(hasAttachments(related)).toBe(false);
    expect(hasAttachments(undefined)).toBe(false);
  });

  it('contentIdParts maps Content-IDs without brackets to raster parts only', () => {
    const map = contentIdParts(root);
    expect([...map]).toEqual([['img1@x', '3']]);
  });

  it('inlineContentId: the Content-ID of an inline raster image only, and only when it is one printable token', () => {
    expect(inlineContentId(leaf('3', 'image/png', { id: ' <img1@x> ', disposition: 'inline' }))).toBe('img1@x');
    expect(inlineContentId(leaf('3', 'image/png', { id: '<img1@x>', disposition: 'attachment' }))).toBeNull();
    expect(inlineContentId(leaf('3', 'application/pdf', { id: '<doc@x>' }))).toBeNull();
    expect(inlineContentId(leaf('3', 'image/png'))).toBeNull();
    expect(inlineContentId(leaf('3', 'image/png', { id: '<two words@x>' }))).toBeNull();
    expect(inlineContentId(leaf('3', 'image/png', { id: `<${'a'.repeat(251)}>` }))).toBeNull();
  });

  it('estimates the decoded size of base64 parts (3 KB file, 4204 bytes on the wire)', () => {
    expect(estimateDecodedSize(4204, 'base64')).toBe(3072);
    expect(estimateDecodedSize(4204, 'BASE64')).toBe(3072);
    expect(estimateDecodedSize(500, 'quoted-printable')).toBe(500);
  });

  it('findPart finds nested parts and nothing else', () => {
    expect(findPart(root, '1.2')?.type).toBe('text/html');
    expect(findPart(root, '9')).toBeNull();
    expect(findPart(leaf(undefined, 'text/plain'), '1')?.type).toBe('text/plain');
  });
});
