import 'server-only';
import { safeFilename } from '@/lib/filename';

/** A downloaded message's filename: its subject made safe (lib/filename.ts), shortened, `.eml`. */
export function emlFilename(subject: string | undefined): string {
  const base = safeFilename((subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 100));
  return `${base === 'attachment' ? 'message' : base}.eml`;
}
