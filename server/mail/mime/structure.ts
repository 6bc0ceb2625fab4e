import 'server-only';
import type { MessageStructureObject } from 'imapflow';
import { safeFilename } from '@/lib/filename';
import { RASTER_TYPES } from '@/lib/raster-types';
import type { AttachmentDto } from '@/lib/types';

/** Choosing parts from BODYSTRUCTURE: what to show, what to list as attachments. */

export interface BodyPartRef {
  part: string;
  type: 'text/html' | 'text/plain';
}

/** A single-part message has no part number in BODYSTRUCTURE: IMAP calls its body part 1. */
export function partNumber(node: MessageStructureObject): string {
  return node.part ?? '1';
}

function isMultipart(node: MessageStructureObject): boolean {
  return node.type.toLowerCase().startsWith('multipart/') && Array.isArray(node.childNodes);
}

function isAttachmentDisposed(node: MessageStructureObject): boolean {
  return (node.disposition ?? '').toLowerCase() === 'attachment';
}

export function partFilename(node: MessageStructureObject): string | null {
  const name = node.dispositionParameters?.filename ?? node.parameters?.name;
  return name && name.trim() ? safeFilename(name.trim()) : null;
}

/**
 * The part to show: in multipart/alternative the richest text we render (HTML over plain),
 * elsewhere the first text part that is not an attachment. Null when there is none.
 */
export function findBodyPart(node: MessageStructureObject): BodyPartRef | null {
  const type = node.type.toLowerCase();
  if (isMultipart(node)) {
    const children = node.childNodes ?? [];
    if (type === 'multipart/alternative') {
      const candidates = children.map(findBodyPart).filter((c): c is BodyPartRef => c !== null);
      return candidates.find((c) => c.type === 'text/html') ?? candidates[0] ?? null;
    }
    for (const child of children) {
      const found = findBodyPart(child);
      if (found) return found;
    }
    return null;
  }
  if (isAttachmentDisposed(node)) return null;
  if (type === 'text/html' || type === 'text/plain') return { part: partNumber(node), type };
  return null;
}

/** Every leaf that is not the shown body nor a multipart container, as the user sees it. */
export function listAttachments(root: MessageStructureObject, shownPart: string | null): AttachmentDto[] {
  const out: AttachmentDto[] = [];
  const walk = (node: MessageStructureObject) => {
    if (isMultipart(node)) {
      node.childNodes?.forEach(walk);
      return;
    }
    const part = partNumber(node);
    if (part === shownPart) return;
    const type = node.type.toLowerCase();
    const filename = partFilename(node);
    // Alternative text bodies we did not pick are not attachments.
    if (!filename && !isAttachmentDisposed(node) && (type === 'text/plain' || type === 'text/html')) return;
    const inline = isInlineImage(node);
    out.push({
      part,
      filename: filename ?? defaultFilename(node, part),
      contentType: type,
      size: estimateDecodedSize(node.size ?? 0, node.encoding),
      inline,
    });
  };
  walk(root);
  return out;
}

/** A raster image with a Content-ID and no attachment disposition: shown in the HTML, not listed as a file. */
function isInlineImage(node: MessageStructureObject): boolean {
  return !isAttachmentDisposed(node) && Boolean(node.id) && RASTER_TYPES.has(node.type.toLowerCase());
}

/** A Content-ID Wren writes back into a header: one token, printable, bounded. */
const CONTENT_ID = /^[^\s<>\x00-\x1f\x7f]{1,250}$/;

/**
 * The Content-ID (without angle brackets) of a part shown inline in the HTML: a raster image
 * with a Content-ID and no attachment disposition. Null for every other part, and for a
 * Content-ID that is not one printable token (it is copied into a forward's header).
 */
export function inlineContentId(node: MessageStructureObject): string | null {
  if (!isInlineImage(node) || !node.id) return null;
  const id = node.id.trim().replace(/^<|>$/g, '');
  return CONTENT_ID.test(id) ? id : null;
}

/**
 * BODYSTRUCTURE gives the encoded size; users expect the file's. Base64 is 3 bytes per 4
 * characters in lines of 76 plus CRLF, so this is exact for the common line length.
 */
export function estimateDecodedSize(size: number, encoding: string | undefined): number {
  if (encoding?.toLowerCase() !== 'base64') return size;
  const lineBreaks = Math.ceil(size / 78) * 2;
  return Math.max(0, Math.floor(((size - lineBreaks) * 3) / 4));
}

function defaultFilename(node: MessageStructureObject, part: string): string {
  const type = node.type.toLowerCase();
  if (type === 'message/rfc822') return `${node.envelope?.subject?.trim() || 'message'}.eml`;
  const ext = type.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'bin';
  return `part-${part}.${ext}`;
}

/** Whether the list should show a paperclip: a real attachment, not an inline image. */
export function hasAttachments(root: MessageStructureObject | undefined): boolean {
  if (!root) return false;
  const shown = findBodyPart(root)?.part ?? null;
  return listAttachments(root, shown).some((a) => !a.inline);
}

/** Content-ID (without angle brackets) to raster part, for rewriting cid: URLs. */
export function contentIdParts(root: MessageStructureObject): Map<string, string> {
  const map = new Map<string, string>();
  const walk = (node: MessageStructureObject) => {
    if (isMultipart(node)) return node.childNodes?.forEach(walk);
    if (node.id && RASTER_TYPES.has(node.type.toLowerCase())) {
      map.set(node.id.replace(/^<|>$/g, '').trim(), partNumber(node));
    }
  };
  walk(root);
  return map;
}

/** Finds the node with this part number, or null. */
export function findPart(root: MessageStructureObject, part: string): MessageStructureObject | null {
  if (!isMultipart(root)) return partNumber(root) === part ? root : null;
  for (const child of root.childNodes ?? []) {
    const found = findPart(child, part);
    if (found) return found;
  }
  return null;
}
