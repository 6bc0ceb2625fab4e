import { Node, mergeAttributes } from '@tiptap/react';
import type { ComposeDraftDto } from '@/lib/compose';

/**
 * An image that names a part of the message itself (`cid:`): the inline images of a forwarded
 * original, which go out as its attachments with the same Content-ID. The HTML keeps the cid:
 * URL; the editor shows the original's part through Wren's attachment route instead, since a
 * browser cannot load cid:. Other images are not part of the composer (nor of what it sends).
 */
export function inlineImage(attachments: ComposeDraftDto['attachments']) {
  const urls = new Map<string, string>();
  for (const a of attachments) {
    if (a.kind === 'part' && a.cid) urls.set(a.cid, `/api/messages/${encodeURIComponent(a.messageId)}/attachments/${a.part}?inline=1`);
  }
  const displayUrl = (src: string) => {
    try {
      return urls.get(decodeURIComponent(src.slice('cid:'.length)).replace(/^<|>$/g, '')) ?? null;
    } catch {
      return null; // a malformed %-escape names nothing
    }
  };
  return Node.create({
    name: 'inlineImage',
    group: 'inline',
    inline: true,
    atom: true,
    draggable: true,
    addAttributes: () => ({ src: { default: null }, alt: { default: null } }),
    // Only an image the compose carries: a reply quotes the original's HTML but not its parts,
    // so its images are left out rather than sent broken.
    parseHTML: () => [{ tag: 'img[src^="cid:" i]', getAttrs: (el) => (displayUrl(el.getAttribute('src') ?? '') ? null : false) }],
    renderHTML: ({ HTMLAttributes }) => ['img', mergeAttributes(HTMLAttributes)],
    addNodeView: () => ({ node }) => {
      const dom = document.createElement('img');
      const url = displayUrl(String(node.attrs.src ?? ''));
      if (url) dom.src = url;
      if (node.attrs.alt) dom.alt = String(node.attrs.alt);
      dom.className = 'inline max-w-full';
      return { dom };
    },
  });
}
