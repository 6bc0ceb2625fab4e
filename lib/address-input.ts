import { isValidAddress } from './address';
import type { AddressDto } from './types';

/*
 * Recipients as people type or paste them: `Ann <ann@x.org>, "Doe, Jo" <jo@y.org>; bob@y.org`.
 * Commas inside quotes or angle brackets do not separate. What does not parse as an address is
 * kept (marked invalid) rather than dropped, so the user sees it and can fix it.
 */

export interface RecipientInput extends AddressDto {
  /** False when `address` is not an email address: shown as an invalid chip, blocks Send. */
  valid: boolean;
}

const SEPARATORS = new Set([',', ';', '\n', '\r']);

/** Splits at separators outside quotes and angle brackets; `rest` is what follows the last one. */
function splitSegments(text: string): { segments: string[]; rest: string } {
  const segments: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '\\' && i + 1 < text.length) {
      current += ch + text[++i];
      continue;
    }
    if (ch === '"' && !angled) quoted = !quoted;
    else if (ch === '<' && !quoted) angled = true;
    else if (ch === '>' && !quoted) angled = false;
    if (SEPARATORS.has(ch) && !quoted && !angled) {
      segments.push(current);
      current = '';
    } else current += ch;
  }
  return { segments, rest: current };
}

function unquote(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) return trimmed.slice(1, -1).replace(/\\(.)/g, '$1').trim();
  return trimmed.replace(/\s+/g, ' ');
}

function toRecipient(name: string, address: string): RecipientInput {
  const clean = { name: unquote(name).replace(/[\r\n\0]/g, ' '), address: address.trim() };
  return { ...clean, valid: isValidAddress(clean) };
}

/** One segment: `Name <addr>`, `<addr>`, `addr (Name)`, `addr`, or several bare addresses split by spaces. */
function parseSegment(segment: string): RecipientInput[] {
  const text = segment.trim();
  if (!text) return [];
  const angled = /^(.*)<([^<>]*)>\s*$/s.exec(text);
  if (angled) return [toRecipient(angled[1], angled[2])];
  const commented = /^(\S+@\S+)\s*\(([^()]*)\)$/.exec(text);
  if (commented) return [toRecipient(commented[2], commented[1])];
  const words = text.split(/\s+/);
  // "a@x.org b@y.org" pasted from elsewhere: several addresses, not one invalid one.
  if (words.length > 1 && words.every((w) => w.includes('@'))) return words.map((w) => toRecipient('', w));
  return [toRecipient('', text)];
}

/** Every recipient in `text`, including the part after the last separator. */
export function parseRecipients(text: string): RecipientInput[] {
  const { segments, rest } = splitSegments(text);
  return [...segments, rest].flatMap(parseSegment);
}

/**
 * What typing has finished: recipients before the last separator become chips, the rest stays
 * in the field. Typing `ann@x.org,` makes a chip; `"Doe,` does not (the comma is quoted).
 */
export function takeFinishedRecipients(text: string): { recipients: RecipientInput[]; rest: string } {
  const { segments, rest } = splitSegments(text);
  return { recipients: segments.flatMap(parseSegment), rest: rest.replace(/^\s+/, '') };
}

/** `Ann <ann@x.org>`, quoting a name that needs it, for showing and editing a chip. */
export function formatRecipient(r: AddressDto): string {
  if (!r.name) return r.address;
  const name = /[",;<>()@\\]/.test(r.name) ? `"${r.name.replace(/(["\\])/g, '\\$1')}"` : r.name;
  return `${name} <${r.address}>`;
}

/** Recipients that came from the server (a reply, a draft), checked like typed ones. */
export function toRecipientInputs(list: AddressDto[]): RecipientInput[] {
  return list.map((a) => ({ name: a.name, address: a.address, valid: isValidAddress(a) }));
}

/** The first invalid recipient's text, or null when every recipient is an address. */
export function firstInvalidRecipient(lists: RecipientInput[][]): string | null {
  for (const list of lists) for (const r of list) if (!r.valid) return formatRecipient(r);
  return null;
}

export const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
