import 'server-only';
import type { ComposeConfigDto } from '@/lib/compose';
import { env } from '../env';
import { getSettings } from '../mail/settings';
import type { Session } from '../session/session';
import { senderAddress } from '../session/sender';
import { sendersOf } from './outgoing/senders';
import { smtpSizeLimit } from './outgoing/smtp';

// Base64 makes attachments about 4/3 bigger on the wire; headers and text need a little more.
const MIME_OVERHEAD = 4 / 3;
const HEADROOM = 64 * 1024;

let sizeLimit: Promise<number | null> | null = null;

/**
 * What the composer needs to know before any upload: who may send (the account's address and the
 * identities, signatures sanitized, the default), where signatures go, and how much may be attached.
 */
export async function composeConfig(session: Session): Promise<ComposeConfigDto> {
  const account = senderAddress(session);
  const { settings } = await getSettings(session);
  // The SMTP server's SIZE is asked once per process (an EHLO), not per compose.
  sizeLimit ??= smtpSizeLimit().then((size) => {
    if (size === null) sizeLimit = null;
    return size;
  });
  const smtpSize = await sizeLimit;
  const configured = env().MAX_ATTACHMENT_BYTES;
  const fromSmtp = smtpSize ? Math.floor((smtpSize - HEADROOM) / MIME_OVERHEAD) : configured;
  return {
    from: { name: settings.displayName, address: account },
    ...sendersOf(account, settings),
    signaturePosition: settings.signaturePosition,
    undoSendSeconds: settings.ui.undoSendSeconds,
    hasDisplayName: settings.displayName !== '',
    maxAttachmentBytes: Math.max(0, Math.min(configured, fromSmtp)),
  };
}
