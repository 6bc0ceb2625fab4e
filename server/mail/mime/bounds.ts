import 'server-only';
import type { MessageStructureObject } from 'imapflow';

/**
 * What Wren will render. A message past these bounds is not parsed further or shown: the reader
 * is told it is too complex to display and offered the raw message as a download.
 */
export const MAX_MIME_DEPTH = 64;
export const MAX_MIME_PARTS = 1000;
export const MAX_DISPLAY_BYTES = 5 * 1024 * 1024;
export const MAX_HEADER_BYTES = 256 * 1024;
export const SANITIZE_BUDGET_MS = 2000;

/** Why the structure is past the bounds, or null. Iterative: a hostile depth cannot blow the stack. */
export function complexityProblem(root: MessageStructureObject): string | null {
  let parts = 0;
  const stack: Array<[MessageStructureObject, number]> = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_MIME_DEPTH) return `it nests parts more than ${MAX_MIME_DEPTH} deep`;
    if (++parts > MAX_MIME_PARTS) return `it has more than ${MAX_MIME_PARTS} parts`;
    for (const child of node.childNodes ?? []) stack.push([child, depth + 1]);
  }
  return null;
}
