/** Inline SVG icons of the touch UI's bars (loaded with it, not with the mail view). */

const PATHS = {
  archive: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  more: 'M12 5v.5M12 12v.5M12 19v.5',
  close: 'M6 6l12 12M18 6L6 18',
  back: 'M15 5l-7 7 7 7',
  reply: 'M10 8L4 13l6 5M4 13h10a6 6 0 0 1 6 6',
  replyAll: 'M12 8l-6 5 6 5M7 8l-6 5 6 5M6 13h8a6 6 0 0 1 6 6',
  forward: 'M14 8l6 5-6 5M20 13H10a6 6 0 0 0-6 6',
  camera: 'M4 8h3l2-3h6l2 3h3v11H4zM12 16.5a3 3 0 1 0 0-6 3 3 0 0 0 0 6',
} as const;

export type ActionIconName = keyof typeof PATHS;

/** The path of an icon, for drawing it elsewhere (a swiped row's background). */
export const iconPath = (name: ActionIconName) => PATHS[name];

export function ActionIcon({ name, className = 'h-6 w-6' }: { name: ActionIconName; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={className} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d={PATHS[name]} />
    </svg>
  );
}
