import { formatSize } from '../format';
import type { OfflineKeyDto } from '../types';
import { offlineStore, type OpenedStore } from './store';

/*
 * Attachments kept offline on the user's say (#19): the message's "Keep offline" fetches the
 * attachment as the download link would and keeps it in the same encrypted store as the kept
 * mail (lib/offline/store.ts), counted against its limit and dropped like the rest, longest
 * unused first. Offline, the attachment's link opens the kept copy. Loaded on first use, by the
 * open message only (components/message/AttachmentItem.tsx).
 */

const store = offlineStore();

interface KeptAttachment {
  name: string;
  type: string;
  /** The bytes, base64: the store seals JSON. */
  data: string;
}

const keyOf = (messageId: string, part: string) => `attachment:${messageId}:${part}`;

export const attachmentPath = (messageId: string, part: string) => `/api/messages/${encodeURIComponent(messageId)}/attachments/${part}`;

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let text = '';
  // In slices: one call with every byte as an argument overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** This session's store, made now if the worker has not made it yet; null signed out or where there is no IndexedDB. */
async function openStore(): Promise<OpenedStore | null> {
  if (typeof indexedDB === 'undefined' || !crypto.subtle) return null;
  const res = await fetch('/api/offline/key', { cache: 'no-store', credentials: 'same-origin' });
  if (!res.ok) return null;
  return store.setup((await res.json()) as OfflineKeyDto);
}

/** Whether this attachment is kept on this device. */
export function isKept(messageId: string, part: string): Promise<boolean> {
  return store.withCurrent((opened) => store.has(opened, keyOf(messageId, part)), false);
}

/** Keeps the attachment on this device; throws with a message the user can read when it cannot. */
export async function keepAttachment(messageId: string, part: string, name: string, size: number): Promise<void> {
  const opened = await openStore();
  if (!opened) throw new Error('This browser cannot keep mail offline.');
  try {
    const { limit } = await store.usage(opened);
    if (limit === 0) throw new Error('Offline copies are turned off in Settings > Offline.');
    // Base64 and sealing make it about a third larger than the file.
    if ((size * 4) / 3 > limit) throw new Error(`Too large to keep offline: the limit is ${formatSize(limit)} (Settings > Offline).`);
    const res = await fetch(attachmentPath(messageId, part), { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`Could not download it (${res.status}).`);
    const record: KeptAttachment = { name, type: res.headers.get('Content-Type') ?? 'application/octet-stream', data: toBase64(await res.arrayBuffer()) };
    await store.put(opened, 'attachment', keyOf(messageId, part), record);
    if (!(await store.has(opened, keyOf(messageId, part)))) throw new Error(`Too large to keep offline: the limit is ${formatSize(limit)} (Settings > Offline).`);
  } finally {
    opened.db.close();
  }
}

/** Saves the kept copy as a download, as the link would online; false when it is not kept. */
export async function openKept(messageId: string, part: string): Promise<boolean> {
  const kept = await store.withCurrent((opened) => store.get<KeptAttachment>(opened, keyOf(messageId, part)), null);
  if (!kept) return false;
  const bytes = Uint8Array.from(atob(kept.data), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: kept.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = kept.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}
