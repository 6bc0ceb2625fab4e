/**
 * Opaque message ids: `<uidvalidity>.<uid>.<base64url(folder path)>`.
 * Carrying UIDVALIDITY means an id minted before the folder was recreated answers 404
 * instead of silently naming another message.
 */
export interface MessageRef {
  path: string;
  uidValidity: string;
  uid: number;
}

const MAX_PATH_LENGTH = 1000;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return null;
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function encodeMessageId(ref: MessageRef): string {
  return `${ref.uidValidity}.${ref.uid}.${toBase64Url(ref.path)}`;
}

/** Returns null for anything that is not a well-formed id. */
export function decodeMessageId(id: string): MessageRef | null {
  const match = /^(\d{1,20})\.(\d{1,10})\.([A-Za-z0-9_-]{1,1400})$/.exec(id);
  if (!match) return null;
  const uid = Number(match[2]);
  if (!Number.isSafeInteger(uid) || uid < 1 || uid > 0xffffffff) return null;
  const path = fromBase64Url(match[3]);
  if (!path || !isValidFolderPath(path)) return null;
  return { uidValidity: match[1].replace(/^0+(?=\d)/, ''), uid, path };
}

/** Folder paths are bounded and never carry CR, LF or NUL (they end up in IMAP commands). */
export function isValidFolderPath(path: string): boolean {
  return path.length > 0 && path.length <= MAX_PATH_LENGTH && !/[\r\n\0]/.test(path);
}
