import type { FolderRole } from '@/lib/types';

/** Inline SVG icons: no icon font to load, no emoji font needed on the device. */

const PATHS: Record<FolderRole | 'folder' | 'attachment' | 'star' | 'reply', string> = {
  inbox: 'M3 13h5l2 3h4l2-3h5M5 5h14l2 8v6H3v-6z',
  drafts: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  sent: 'M3 11l18-8-8 18-2-8z',
  archive: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
  junk: 'M12 3l9 16H3zM12 10v4M12 17v.5',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  folder: 'M3 6h6l2 2h10v11H3z',
  attachment: 'M8 12l6-6a3 3 0 0 1 4 4l-8 8a5 5 0 0 1-7-7l7-7',
  star: 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z',
  reply: 'M10 8L4 13l6 5M4 13h10a6 6 0 0 1 6 6',
};

export function Icon({ name, className = 'h-4 w-4', filled = false }: { name: keyof typeof PATHS; className?: string; filled?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={className} fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
      <path d={PATHS[name]} />
    </svg>
  );
}
