import { z } from 'zod';
import { ADDRESS_MAX, ADDRESS_NAME_MAX, ADDRESS_PATTERN, NO_LINE_BREAKS } from './address';
import type { AddressDto } from './types';

/*
 * The composer's wire format and the pure rules of replying and forwarding. Header-bound text
 * (names, subject, references) never carries CR or LF: a field that does is refused, so what
 * is sent is exactly what the user saw.
 */

const oneLine = (max: number) => z.string().max(max).regex(NO_LINE_BREAKS, 'Line breaks are not allowed here');

/** The server's check of an address; isValidAddress (lib/address.ts) is the same rule without zod. */
export const addressSchema = z.object({
  name: oneLine(ADDRESS_NAME_MAX).default(''),
  address: z.string().max(ADDRESS_MAX).regex(ADDRESS_PATTERN, 'Not an email address'),
});

const messageIdSchema = z.string().refine((v) => isMessageIdToken(v), 'Malformed Message-ID');

export const MAX_RECIPIENTS = 100;

export const composeAttachmentSchema = z.discriminatedUnion('kind', [
  /** A file the user uploaded (POST /api/uploads). */
  z.object({ kind: z.literal('upload'), id: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/) }),
  /** A part of a message in the mailbox: the original being forwarded, or the draft being continued. */
  z.object({ kind: z.literal('part'), messageId: z.string().max(2000), part: z.string().regex(/^\d+(\.\d+)*$/).max(100) }),
]);
export type ComposeAttachment = z.infer<typeof composeAttachmentSchema>;

export const composeInputSchema = z.object({
  /** Fixed when the composer opens; the Message-ID derives from it, so one compose is sent at most once. */
  composeId: z.string().uuid(),
  fromName: oneLine(200).default(''),
  /** Which of the user's addresses sends it (the account's, or an identity's): checked by the server. */
  fromAddress: addressSchema.shape.address.optional(),
  to: z.array(addressSchema).max(MAX_RECIPIENTS).default([]),
  cc: z.array(addressSchema).max(MAX_RECIPIENTS).default([]),
  bcc: z.array(addressSchema).max(MAX_RECIPIENTS).default([]),
  subject: oneLine(998).default(''),
  format: z.enum(['html', 'text']).default('html'),
  html: z.string().max(5 * 1024 * 1024).default(''),
  text: z.string().max(5 * 1024 * 1024).default(''),
  inReplyTo: messageIdSchema.optional(),
  references: z.array(messageIdSchema).max(100).default([]),
  /** The message replied to or forwarded: flagged \Answered or $Forwarded once sent. */
  original: z.object({ id: z.string().max(2000), mode: z.enum(['reply', 'all', 'forward']) }).optional(),
  attachments: z.array(composeAttachmentSchema).max(100).default([]),
  /** The draft this compose was saved as last; replaced by the next save, removed after sending. */
  draftId: z.string().max(2000).optional(),
});
export type ComposeInput = z.infer<typeof composeInputSchema>;

/** What the composer opens with: a new message, a reply or forward, or a draft continued. */
export interface ComposeDraftDto {
  composeId: string;
  /**
   * Who it is from: a draft's From; for a reply or forward, the user's address (account or
   * identity) that the original was sent to (pickReplySender). Absent: the default sender.
   */
  from?: AddressDto;
  to: AddressDto[];
  cc: AddressDto[];
  bcc: AddressDto[];
  subject: string;
  format: 'html' | 'text';
  html: string;
  text: string;
  inReplyTo?: string;
  references: string[];
  original?: { id: string; mode: 'reply' | 'all' | 'forward' };
  /** `cid`: the Content-ID of an inline image, named by the HTML's cid: URLs (the server keeps it on sending). */
  attachments: Array<ComposeAttachment & { filename: string; size: number; contentType: string; cid?: string }>;
  draftId?: string;
}

/** One From the composer offers: the account's own address, or an identity (lib/schemas.ts). */
export interface SenderDto {
  /** The identity's id; 'account' for the account's own address when no identity has it. */
  id: string;
  name: string;
  address: string;
  replyTo?: string;
  /** Sanitized by the server (the composer's rules); or plain text. */
  signatureHtml?: string;
  signatureText?: string;
}

export interface ComposeConfigDto {
  /** The account's own address, with the user's display name. */
  from: AddressDto;
  /** The account's address first (unless an identity has it), then the identities, in order. */
  senders: SenderDto[];
  /** The id of the sender of new mail: the default identity, else the account's. */
  defaultSenderId: string;
  signaturePosition: 'above' | 'below';
  /** A display name was saved in the settings (else one kept in this browser may be moved there). */
  hasDisplayName: boolean;
  /** The largest total of attachments: the configured limit or the SMTP server's SIZE, the lower. */
  maxAttachmentBytes: number;
  /** Send holds the message this long with an Undo (the user's setting); 0: sent at once. */
  undoSendSeconds?: number;
}

export interface SendResultDto {
  messageId: string;
  /** Things after the send that did not work (the Sent copy, the draft's removal); the mail went. */
  warnings: string[];
  /** Offline: the send waits in this browser's queue and goes when the network is back (lib/offline/). */
  queued?: boolean;
}

/** The Message-ID of a compose: fixed by its id, so a retry is recognised as the same message. */
export function composeMessageId(composeId: string, domain: string): string {
  return `<${composeId}@${domain}>`;
}

/** The compose id back from a Message-ID Wren made, or null. */
export function composeIdOf(messageId: string | undefined): string | null {
  const match = /^<([0-9a-f-]{36})@[^>]+>$/i.exec(messageId ?? '');
  return match && z.string().uuid().safeParse(match[1]).success ? match[1].toLowerCase() : null;
}

const PREFIX = /^\s*((re|fwd?|aw|wg|sv|vs|antw|tr)\s*(\[\d+\])?\s*:\s*)+/i;

/** "Re: x" for a reply: prefixes of earlier replies and forwards are not stacked. */
export function replySubject(subject: string): string {
  return `Re: ${subject.replace(PREFIX, '')}`.trim();
}

export function forwardSubject(subject: string): string {
  return `Fwd: ${subject.replace(PREFIX, '')}`.trim();
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function unique(list: AddressDto[], without: AddressDto[]): AddressDto[] {
  const out: AddressDto[] = [];
  for (const a of list) if (!without.some((w) => same(w.address, a.address)) && !out.some((o) => same(o.address, a.address))) out.push(a);
  return out;
}

/**
 * Recipients of a reply: to Reply-To or else From; reply all adds the original's To and Cc.
 * The user's own addresses (`self`: the account's, and the identity replying) are left out (a
 * reply to one's own sent message goes to its recipients).
 */
export function replyRecipients(
  original: { from: AddressDto[]; replyTo: AddressDto[]; to: AddressDto[]; cc: AddressDto[] },
  self: string | string[],
  all: boolean,
): { to: AddressDto[]; cc: AddressDto[] } {
  const me = (Array.isArray(self) ? self : [self]).map((address) => ({ name: '', address }));
  const fromSelf = original.from.some((a) => me.some((m) => same(a.address, m.address)));
  const primary = fromSelf ? original.to : original.replyTo.length ? original.replyTo : original.from;
  const to = unique(primary, me);
  if (!all) return { to: to.length ? to : unique(original.from, []), cc: [] };
  const cc = unique([...(fromSelf ? [] : original.to), ...original.cc], [...me, ...to]);
  return { to, cc };
}

/** References of a reply: the original's references and its own Message-ID, the last 20 (RFC 5322 3.6.4). */
export function replyReferences(original: { messageId?: string; references: string[] }): string[] {
  const refs = [...original.references, ...(original.messageId ? [original.messageId] : [])].filter(isMessageIdToken);
  return refs.filter((r, i) => refs.indexOf(r) === i).slice(-20);
}

/** A Message-ID as headers carry it; anything else in References is dropped, not copied. */
export function isMessageIdToken(value: string | undefined): value is string {
  return typeof value === 'string' && value.length <= 998 && /^<[^\s<>]+@[^\s<>]+>$/.test(value);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The words of a quote, in the user's language (server/mail/dto/compose-mappers.ts); English by default. */
export interface QuoteWords {
  wrote: (date: string, sender: string) => string;
  someone: string;
  forwarded: string;
  from: string;
  date: string;
  subject: string;
  to: string;
  cc: string;
}

export const ENGLISH_QUOTE_WORDS: QuoteWords = {
  wrote: (date, sender) => `On ${date}, ${sender} wrote:`,
  someone: 'someone',
  forwarded: '---------- Forwarded message ----------',
  from: 'From',
  date: 'Date',
  subject: 'Subject',
  to: 'To',
  cc: 'Cc',
};

const whoOf = (a: AddressDto | undefined, someone: string) => (a ? (a.name ? `${a.name} <${a.address}>` : a.address) : someone);
const list = (as: AddressDto[]) => as.map((a) => whoOf(a, '')).join(', ');

/** The quoted original under a reply: "On <date>, <sender> wrote:" and the body in a blockquote. */
export function quoteForReply(original: { date: string; from: AddressDto[]; html: string }, formatDate: (iso: string) => string, words: QuoteWords = ENGLISH_QUOTE_WORDS) {
  const line = words.wrote(formatDate(original.date), whoOf(original.from[0], words.someone));
  return {
    html: `<p></p><p>${escapeHtml(line)}</p><blockquote>${original.html}</blockquote>`,
    textIntro: line,
  };
}

/** The forwarded original: its headers, then its body, as in every mail client. */
export function quoteForForward(
  original: { date: string; from: AddressDto[]; to: AddressDto[]; cc: AddressDto[]; subject: string; html: string },
  formatDate: (iso: string) => string,
  words: QuoteWords = ENGLISH_QUOTE_WORDS,
) {
  const lines = [
    words.forwarded,
    `${words.from}: ${list(original.from)}`,
    `${words.date}: ${formatDate(original.date)}`,
    `${words.subject}: ${original.subject}`,
    `${words.to}: ${list(original.to)}`,
    ...(original.cc.length ? [`${words.cc}: ${list(original.cc)}`] : []),
  ];
  return { html: `<p></p><p>${lines.map(escapeHtml).join('<br>')}</p>${original.html}`, textIntro: lines.join('\n') };
}

/** Text as composer HTML: escaped, paragraphs kept. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .split(/\r?\n\r?\n/)
    .map((para) => `<p>${para.replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

/**
 * Which of the user's addresses a reply is sent from: the first of them the original named in
 * To, then in Cc (what its sender addressed: a role address such as support@ rather than the
 * mailbox it was delivered to), then in Delivered-To or X-Original-To (a Bcc, a list, an alias
 * whose address the headers do not show); else none, and the composer takes the default sender.
 */
export function pickReplySender(mine: string[], original: { to: AddressDto[]; cc: AddressDto[]; deliveredTo: string[] }): string | undefined {
  for (const address of [...original.to.map((a) => a.address), ...original.cc.map((a) => a.address), ...original.deliveredTo]) {
    const match = mine.find((m) => same(m, address));
    if (match) return match;
  }
  return undefined;
}
