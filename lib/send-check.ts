import { firstInvalidRecipient, type RecipientInput } from './address-input';

/** Why Send cannot go yet, in words for the user, or null: checked before any request. */
export function sendProblem(recipients: { to: RecipientInput[]; cc: RecipientInput[]; bcc: RecipientInput[] }, uploading: number): string | null {
  const invalid = firstInvalidRecipient([recipients.to, recipients.cc, recipients.bcc]);
  if (invalid) return `“${invalid}” is not a valid email address: correct or remove it before sending.`;
  if (!recipients.to.length && !recipients.cc.length && !recipients.bcc.length) return 'Add at least one recipient';
  if (uploading > 0) return 'Wait until the attachments have uploaded';
  return null;
}
