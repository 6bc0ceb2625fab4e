import 'server-only';
import { env } from '../env';
import type { Session } from './session';

/** The signed-in user's address: the username when it is one, else username@MAIL_DOMAIN. */
export function senderAddress(session: Session): string {
  if (session.username.includes('@')) return session.username;
  return `${session.username}@${env().MAIL_DOMAIN ?? env().IMAP_HOST}`;
}

/** The right-hand side of the Message-IDs Wren makes for this user. */
export function messageIdDomain(session: Session): string {
  return senderAddress(session).split('@').pop() || 'wren.invalid';
}
