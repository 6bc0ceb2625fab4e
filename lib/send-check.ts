import { firstInvalidRecipient, type RecipientInput } from './address-input';

/** The words of sendProblem, in the user's language (the composer passes the `compose` messages). */
export interface SendProblemWords {
  invalid: (address: string) => string;
  noRecipient: string;
  uploading: string;
}

const ENGLISH: SendProblemWords = {
  invalid: (address) => `“${address}” is not a valid email address: correct or remove it before sending.`,
  noRecipient: 'Add at least one recipient',
  uploading: 'Wait until the attachments have uploaded',
};

/** Why Send cannot go yet, in words for the user, or null: checked before any request. */
export function sendProblem(recipients: { to: RecipientInput[]; cc: RecipientInput[]; bcc: RecipientInput[] }, uploading: number, say: SendProblemWords = ENGLISH): string | null {
  const invalid = firstInvalidRecipient([recipients.to, recipients.cc, recipients.bcc]);
  if (invalid) return say.invalid(invalid);
  if (!recipients.to.length && !recipients.cc.length && !recipients.bcc.length) return say.noRecipient;
  if (uploading > 0) return say.uploading;
  return null;
}
