import 'server-only';
import libmime from 'libmime';
import { INBOX_VIEW, mailUrl } from '@/lib/mail-url';
import { encodeMessageId } from '@/lib/message-id';

/** A message that arrived in INBOX, as the source that heard of it tells it. */
export interface NewMail {
  uidValidity: string;
  /** 0 when the source did not know it (Dovecot's hook, rarely): the notification opens the Inbox. */
  uid: number;
  /** The From header as sent (MIME encoded words allowed), or a name already decoded. */
  from?: string;
  subject?: string;
}

/** What the service worker shows (public/sw.js): the notification's text and the view it opens. */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
}

const TITLE_MAX = 80;
const BODY_MAX = 160;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
// Control characters (a header folded with CRLF, a stray NUL) would show as boxes.
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();

function decoded(header: string | undefined): string {
  if (!header) return '';
  try {
    return oneLine(libmime.decodeWords(header));
  } catch {
    return oneLine(header);
  }
}

/** The sender as a person reads it: the display name, else the address. */
export function senderName(from: string | undefined): string {
  const text = decoded(from);
  const angle = /^(.*?)\s*<([^<>]*)>\s*$/.exec(text);
  if (!angle) return text;
  const name = angle[1].replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1').trim();
  return name || angle[2].trim();
}

/**
 * The notification for `mail`: sender and subject when the device allows previews, else "New
 * mail" and nothing else; the message's URL (lib/mail-url.ts), which opens it, or the Inbox's
 * when its UID is not known.
 */
export function pushPayload(mail: NewMail, previews: boolean): PushPayload {
  const url = mailUrl(mail.uid > 0 ? { ...INBOX_VIEW, id: encodeMessageId({ path: 'INBOX', uidValidity: mail.uidValidity, uid: mail.uid }) } : INBOX_VIEW);
  if (!previews) return { title: 'New mail', body: '', url };
  return {
    title: clip(senderName(mail.from) || 'New mail', TITLE_MAX),
    body: clip(decoded(mail.subject) || '(no subject)', BODY_MAX),
    url,
  };
}
