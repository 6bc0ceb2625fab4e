/**
 * The note this browser keeps (localStorage) once a user turned notifications on here: who, and
 * whether previews are on. A new sign-in of that user renews the subscription
 * (components/mail/use-push-renewal.ts); sign-out and turning notifications off remove it.
 */
const NOTE_KEY = 'wren.push';

export interface PushNote {
  user: string;
  previews: boolean;
}

export function writePushNote(value: PushNote | null): void {
  try {
    if (value) localStorage.setItem(NOTE_KEY, JSON.stringify(value));
    else localStorage.removeItem(NOTE_KEY);
  } catch {
    // Storage refused (private mode): no renewal, nothing else lost.
  }
}

/** The note, when it names `user`. */
export function readPushNote(user: string): PushNote | null {
  try {
    const value = JSON.parse(localStorage.getItem(NOTE_KEY) ?? 'null') as PushNote | null;
    return value && value.user === user && typeof value.previews === 'boolean' ? value : null;
  } catch {
    return null;
  }
}
