/**
 * The note this browser keeps (localStorage) once a user turned notifications on here: who, and
 * whether previews are on. A new sign-in of that user renews the subscription
 * (components/mail/use-push-renewal.ts); sign-out and turning notifications off remove it.
 */
export const PUSH_NOTE_KEY = 'wren.push';

export interface PushNote {
  user: string;
  previews: boolean;
}

export function writePushNote(value: PushNote | null): void {
  try {
    if (value) localStorage.setItem(PUSH_NOTE_KEY, JSON.stringify(value));
    else localStorage.removeItem(PUSH_NOTE_KEY);
  } catch {
    // Storage refused (private mode): no renewal, nothing else lost.
  }
}

/** Sign-out: this browser renews nobody's notifications (the mail view's first download carries this, not writePushNote). */
export function forgetPushNote(): void {
  try {
    localStorage.removeItem(PUSH_NOTE_KEY);
  } catch {
    // Storage refused: there is no note either.
  }
}

/** The note, when it names `user`. */
export function readPushNote(user: string): PushNote | null {
  try {
    const value = JSON.parse(localStorage.getItem(PUSH_NOTE_KEY) ?? 'null') as PushNote | null;
    return value && value.user === user && typeof value.previews === 'boolean' ? value : null;
  } catch {
    return null;
  }
}
