import 'server-only';
import { composeMessageId, type ComposeInput, type SendResultDto } from '@/lib/compose';
import type { Locale } from '@/lib/i18n/config';
import { AppError, errorMessage, type ErrorText } from '../errors';
import { serverTranslator } from '../i18n';
import { withClient, withMailbox } from '../imap/pool';
import { log } from '../log';
import { store, type Session } from '../session/session';
import { discardDraft } from './drafts';
import { withMessage } from '../mail/access/message-access';
import { buildMessage, resolveAttachments } from './outgoing/build-message';
import { messageIdDomain } from '../session/sender';
import { resolveSender } from './outgoing/senders';
import { deliver, SmtpError } from './outgoing/smtp';
import { specialFolderPath } from '../mail/access/special-folders';
import { deleteUpload } from './uploads';
import { accountQuota, forgetQuota } from '../mail/quota';
import { quotaUsage } from '@/lib/quota';

const CLAIM_TTL = 7 * 24 * 3600;

/**
 * Sends a compose at most once. Its Message-ID is fixed by the compose id, and a marker keyed
 * by it is claimed atomically first (in Redis when configured): a double click, a retried
 * request or a second tab finds the claim and sends nothing. A send that failed before the
 * message went out releases the claim (the user may try again); one whose outcome is unknown
 * keeps it, so Wren never resends on its own.
 */
export async function sendMessage(session: Session, input: ComposeInput, locale: Locale = 'en'): Promise<SendResultDto> {
  const recipients = [...input.to, ...input.cc, ...input.bcc].map((a) => a.address);
  if (!recipients.length) throw new AppError('invalid_input', { key: 'addAtLeastOneRecipient' });
  // Checked before the claim: a From the user may not use is refused with nothing claimed.
  const { from, replyTo } = await resolveSender(session, input, { forDraft: false });
  const messageId = composeMessageId(input.composeId, messageIdDomain(session));
  const claimKey = `send:${session.username}:${input.composeId}`;

  const held = await store().putIfAbsent(claimKey, 'sending', CLAIM_TTL);
  if (held === 'sending') throw new AppError('conflict', { key: 'thisMessageIsBeingSent' });
  if (held === 'sent') throw new AppError('already_sent');
  if (held === 'unknown') throw new AppError('send_unknown');

  let raw: Buffer;
  try {
    // Sent before (e.g. Wren restarted and forgot the claim): Sent has it under this Message-ID.
    if (await sentCopyExists(session, messageId)) {
      await store().put(claimKey, 'sent', CLAIM_TTL);
      throw new AppError('already_sent');
    }
    raw = await buildMessage(input, from, messageId, await resolveAttachments(session, input.attachments), { keepBcc: false, replyTo });
    await deliver(session, { from: from.address, to: recipients }, raw);
  } catch (error) {
    if (error instanceof SmtpError && error.outcome === 'unknown') await store().put(claimKey, 'unknown', CLAIM_TTL);
    else if (!(error instanceof AppError && error.code === 'already_sent')) await store().remove(claimKey);
    throw error;
  }
  await store().put(claimKey, 'sent', CLAIM_TTL);
  log.info('message sent', { recipients: recipients.length, bytes: raw.length });
  return { messageId, warnings: (await afterSend(session, input, raw, locale)).map((text) => errorMessage(locale, 'internal', text)) };
}

/** Whether imapflow's error (or what it was wrapped in, as `cause`) carries OVERQUOTA (RFC 5530). */
function isOverQuota(error: unknown): boolean {
  for (let e = error as { serverResponseCode?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.serverResponseCode === 'string' && e.serverResponseCode.toUpperCase() === 'OVERQUOTA') return true;
  }
  return false;
}

/** Why the Sent copy is missing: a full mailbox (RFC 5530 OVERQUOTA) is named with its figures. */
async function sentCopyWarning(session: Session, error: unknown, locale: Locale): Promise<ErrorText> {
  if (!isOverQuota(error)) return { key: 'sentCopyFailed' };
  forgetQuota(session);
  const t = serverTranslator(locale, 'quota');
  const usage = quotaUsage(await accountQuota(session).catch(() => null), { locale, bytes: (used, limit) => t('bytes', { used, limit }), messages: (used, limit) => t('messages', { used, limit }) });
  return usage ? { key: 'sentCopyFullWith', values: { used: usage.text } } : { key: 'sentCopyFull' };
}

/** The Sent copy, the original's \Answered / $Forwarded, the draft's removal: each may fail alone. */
async function afterSend(session: Session, input: ComposeInput, raw: Buffer, locale: Locale): Promise<ErrorText[]> {
  const warnings: ErrorText[] = [];
  try {
    const sent = await specialFolderPath(session, 'sent');
    if (!sent) warnings.push({ key: 'noSentFolder' });
    else await withClient(session, (client) => client.append(sent, raw, ['\\Seen']), { retry: false });
  } catch (error) {
    log.warn('sent copy failed', { error: String(error) });
    warnings.push(await sentCopyWarning(session, error, locale));
  }
  forgetQuota(session);
  if (input.original) {
    try {
      const flag = input.original.mode === 'forward' ? '$Forwarded' : '\\Answered';
      await withMessage(session, input.original.id, { flags: true }, ({ client, ref }) => client.messageFlagsAdd(String(ref.uid), [flag], { uid: true }));
    } catch {
      warnings.push({ key: 'notMarkedAnswered' });
    }
  }
  if (input.draftId) {
    try {
      await discardDraft(session, input.draftId);
    } catch {
      warnings.push({ key: 'draftNotRemoved' });
    }
  }
  // Sent: the uploaded files have done their work.
  for (const a of input.attachments) if (a.kind === 'upload') await deleteUpload(session, a.id).catch(() => undefined);
  return warnings;
}

async function sentCopyExists(session: Session, messageId: string): Promise<boolean> {
  const sent = await specialFolderPath(session, 'sent');
  if (!sent) return false;
  const found = await withMailbox(session, sent, (client) => client.search({ header: { 'message-id': messageId } }, { uid: true }));
  return Boolean(found && found.length);
}
