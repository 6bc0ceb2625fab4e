import 'server-only';
import { sieveModelSchema, type FilterRule, type SieveModel, type Vacation } from '@/lib/schemas';

/*
 * Wren's Sieve script (RFC 5228), generated from the JSON model the settings edit, never written
 * by hand. Every piece of user text reaches the script through sieveString(), the one escaper;
 * the model itself rides along on one comment line, JSON-encoded (JSON escapes every control
 * character, so it cannot end the comment), and is read back from there.
 *
 * Order: the rules first, top to bottom, then the vacation reply. A rule that stops (and Block
 * sender's always does) keeps later rules and the reply from applying: a blocked sender gets no
 * "I am away". Rules that only move or mark mail let the reply go out.
 */

/** The one script Wren owns on the server; every other script is left alone. */
export const WREN_SCRIPT = 'wren';

const MODEL_MARK = '# wren-model: ';

/** Sieve extensions Wren's scripts may need (RFC 5228 `require`). */
export type SieveExtension = 'fileinto' | 'imap4flags' | 'copy' | 'vacation' | 'date' | 'relational';

// Lone UTF-16 surrogates cannot be written as UTF-8: they become U+FFFD, as Buffer would make them.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `value` as a Sieve quoted string (RFC 5228 section 2.4.2): backslash and double quote escaped,
 * nothing else special. `multiline`: line breaks of any kind become CRLF, the only form a quoted
 * string may hold; otherwise a CR or LF is refused (it would be a value the user cannot see).
 * NUL is never allowed. Without the "variables" and "encoded-character" extensions, which Wren
 * never requires, "${...}" in a string is plain text.
 */
export function sieveString(value: string, { multiline = false }: { multiline?: boolean } = {}): string {
  if (value.includes('\0')) throw new Error('NUL cannot be written in a Sieve string');
  let text = value.replace(LONE_SURROGATE, '\uFFFD');
  if (multiline) text = text.replace(/\r\n|\r|\n/g, '\r\n');
  else if (/[\r\n]/.test(text)) throw new Error('A line break cannot be written in a one-line Sieve string');
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function stringList(values: string[]): string {
  return values.length === 1 ? sieveString(values[0]) : `[${values.map((v) => sieveString(v)).join(', ')}]`;
}

function ruleTest(rule: FilterRule): string {
  const match = rule.match === 'is' ? ':is' : ':contains';
  const value = sieveString(rule.value);
  switch (rule.field) {
    // An exact address is compared with the address alone, not the display name around it.
    case 'from':
      return rule.match === 'is' ? `address :is "from" ${value}` : `header :contains "from" ${value}`;
    case 'to':
      return rule.match === 'is' ? `address :is ["to", "cc"] ${value}` : `header :contains ["to", "cc"] ${value}`;
    case 'subject':
      return `header ${match} "subject" ${value}`;
    case 'list-id':
      return `header ${match} "list-id" ${value}`;
  }
}

function ruleFlags(rule: FilterRule): string[] {
  const flags: string[] = [];
  if (rule.markRead) flags.push('\\Seen');
  if (rule.star) flags.push('\\Flagged');
  return flags;
}

function ruleActions(rule: FilterRule, need: Set<SieveExtension>): string[] {
  const lines: string[] = [];
  const flags = ruleFlags(rule);
  if (flags.length) need.add('imap4flags');
  if (rule.fileInto !== null) {
    need.add('fileinto');
    // The flags go with this copy only (:flags), not with what later rules file.
    lines.push(`fileinto${flags.length ? ` :flags ${stringList(flags)}` : ''} ${sieveString(rule.fileInto)};`);
  } else if (flags.length) {
    // Left in the Inbox (the implicit keep), with these flags.
    lines.push(`addflag ${stringList(flags)};`);
  }
  if (rule.forwardTo !== null) {
    if (rule.forwardKeep) need.add('copy');
    lines.push(`redirect${rule.forwardKeep ? ' :copy' : ''} ${sieveString(rule.forwardTo)};`);
  }
  if (rule.discard) lines.push('discard;');
  if (rule.stop || rule.discard) lines.push('stop;');
  return lines;
}

function vacationLines(vacation: Vacation, need: Set<SieveExtension>): string[] {
  need.add('vacation');
  const args = [`:days ${vacation.days}`];
  if (vacation.subject) args.push(`:subject ${sieveString(vacation.subject)}`);
  if (vacation.addresses.length) args.push(`:addresses [${vacation.addresses.map((a) => sieveString(a)).join(', ')}]`);
  const action = `vacation ${args.join(' ')} ${sieveString(vacation.text, { multiline: true })};`;
  const bounds: string[] = [];
  // The server's date, compared as text: YYYY-MM-DD sorts as it counts.
  if (vacation.start) bounds.push(`currentdate :value "ge" "date" ${sieveString(vacation.start)}`);
  if (vacation.end) bounds.push(`currentdate :value "le" "date" ${sieveString(vacation.end)}`);
  if (!bounds.length) return [action];
  need.add('date');
  need.add('relational');
  const test = bounds.length === 1 ? bounds[0] : `allof(${bounds.join(', ')})`;
  return [`if ${test} {`, `  ${action}`, '}'];
}

/**
 * The script for `model` (validated by sieveModelSchema), CRLF line ends, and the extensions it
 * requires (the server must list them all in its SIEVE capability).
 */
export function generateScript(model: SieveModel): { script: string; extensions: SieveExtension[] } {
  const need = new Set<SieveExtension>();
  const body: string[] = [];
  model.rules.forEach((rule, index) => {
    if (!rule.enabled) return;
    body.push('', `# Rule ${index + 1}`, `if ${ruleTest(rule)} {`, ...ruleActions(rule, need).map((line) => `  ${line}`), '}');
  });
  if (model.vacation.enabled) body.push('', '# Vacation reply', ...vacationLines(model.vacation, need));
  const extensions = [...need].sort();
  const lines = [
    "# Generated by Wren: vacation reply and filters. Change them in Wren's settings; edits made here are replaced.",
    `${MODEL_MARK}${JSON.stringify(model)}`,
    ...(extensions.length ? [`require ${stringList(extensions)};`] : []),
    ...body,
    '',
  ];
  return { script: lines.join('\r\n'), extensions };
}

/**
 * The model a script of Wren's carries, or null when it carries none that parses (written by
 * another program, edited by hand, or damaged). Only the first marked line counts: the model's
 * line comes before any user text.
 */
export function readModel(script: string): SieveModel | null {
  for (const line of script.split(/\r?\n/)) {
    if (!line.startsWith(MODEL_MARK)) continue;
    try {
      const parsed = sieveModelSchema.safeParse(JSON.parse(line.slice(MODEL_MARK.length)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** The model with nothing set: no reply, no rules. */
export function emptyModel(): SieveModel {
  return sieveModelSchema.parse({});
}
