import { getText, getTextSerializersFromSchema, Node, type Editor } from '@tiptap/react';
import { DOMParser as ProseMirrorParser, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { SenderDto } from '@/lib/compose';
import { textToParagraphs } from '@/lib/plain-text';

/*
 * The signature of a compose: one block of the editor (`<div data-wren-signature>`), put in when
 * a new message, reply or forward opens, for the sender chosen; empty for a sender without a
 * signature, so that it still marks the place a signature goes. Choosing another sender swaps
 * it, unless the user changed it (or removed it): then what they wrote is theirs and stays.
 * The server keeps the mark in drafts (a draft continued can still swap) and drops it from what
 * is sent and from a quoted original (server/mail/html/composer-html.ts).
 */

const MARK = 'data-wren-signature';

export const SignatureBlock = Node.create({
  name: 'signature',
  group: 'block',
  content: 'block*',
  defining: true,
  parseHTML: () => [{ tag: `div[${MARK}]` }],
  renderHTML: () => ['div', { [MARK]: '' }, 0],
});

/** The signature block of `sender` as editor HTML (its HTML was sanitized by the server). */
export function signatureBlock(sender: SenderDto | undefined): string {
  const inner = sender?.signatureHtml || (sender?.signatureText ? textToParagraphs(sender.signatureText) : '');
  return `<div ${MARK}="">${inner}</div>`;
}

/**
 * The first content of a compose with the signature of `sender`: under a new message's first
 * line; for a reply or forward (`quoted`: the server's HTML, an empty line then the quote)
 * between that line and the quote ('above') or under the quote ('below').
 */
export function withSignature(html: string, sender: SenderDto | undefined, position: 'above' | 'below', quoted: boolean): string {
  const block = signatureBlock(sender);
  if (!quoted) return `${html || '<p></p>'}${block}`;
  if (position === 'below') return `${html}${block}`;
  const lead = '<p></p>';
  return html.startsWith(lead) ? `${lead}${block}${html.slice(lead.length)}` : `${lead}${block}${html}`;
}

/** `sender`'s signature block as the editor's schema reads it (through an inert document: nothing loads). */
function parseBlock(editor: Editor, sender: SenderDto | undefined): ProseMirrorNode | null {
  const body = new window.DOMParser().parseFromString(signatureBlock(sender), 'text/html').body;
  const block = ProseMirrorParser.fromSchema(editor.schema).parse(body).firstChild;
  return block?.type.name === 'signature' ? block : null;
}

/** The compose's own signature block: the first at the top level (a quote's is inside a blockquote, or unmarked). */
function findBlock(editor: Editor): { node: ProseMirrorNode; pos: number } | null {
  let found: { node: ProseMirrorNode; pos: number } | null = null;
  editor.state.doc.forEach((node, pos) => {
    if (!found && node.type.name === 'signature') found = { node, pos };
  });
  return found;
}

/**
 * Puts `next`'s signature in place of `previous`'s, if the block is still exactly `previous`'s;
 * answers whether it did (false: the user changed or removed it, and it stays as they left it).
 */
export function swapSignature(editor: Editor, previous: SenderDto | undefined, next: SenderDto | undefined): boolean {
  const current = findBlock(editor);
  const before = parseBlock(editor, previous);
  const after = parseBlock(editor, next);
  if (!current || !before || !after || !current.node.content.eq(before.content)) return false;
  editor.view.dispatch(editor.state.tr.replaceWith(current.pos, current.pos + current.node.nodeSize, after));
  return true;
}

/** `sender`'s signature as plain text, as the editor's text (blocks a blank line apart) would hold it. */
function signatureTextOf(editor: Editor, sender: SenderDto | undefined): string {
  const block = parseBlock(editor, sender);
  return block ? getText(block, { blockSeparator: '\n\n', textSerializers: getTextSerializersFromSchema(editor.schema) }) : '';
}

/**
 * The same swap in plain-text mode: `previous`'s signature text, found where signatures go (the
 * first for 'above', the last for 'below'), replaced by `next`'s; null when it is not there
 * unchanged (or `previous` has none: there is no place marked in text).
 */
export function swapTextSignature(editor: Editor, text: string, previous: SenderDto | undefined, next: SenderDto | undefined, position: 'above' | 'below'): string | null {
  const old = signatureTextOf(editor, previous);
  if (!old) return null;
  const at = position === 'above' ? text.indexOf(old) : text.lastIndexOf(old);
  if (at < 0) return null;
  return text.slice(0, at) + signatureTextOf(editor, next) + text.slice(at + old.length);
}
