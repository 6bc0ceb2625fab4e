/**
 * The search box's Gmail-style query language, parsed into a small AST. Pure: the browser uses it
 * to show errors and chips as the user types, the server to compile the same AST into imapflow's
 * search object (server/mail/search/compiler.ts). Positions are 0-based UTF-16 indexes, the unit
 * of an input's selectionStart, so the UI can put the caret on the mistake.
 *
 *   query   := and
 *   and     := or*                     terms side by side must all match
 *   or      := unary ("OR" unary)*     OR binds tighter than the implicit AND, as in Gmail
 *   unary   := "-" unary | "(" and ")" | term
 *   term    := word | "phrase" | name:value
 */

export const MAX_QUERY_LENGTH = 500;

export type TextField = 'from' | 'to' | 'cc' | 'bcc' | 'subject' | 'body';
export type FlagName = 'unread' | 'read' | 'flagged' | 'answered';
export type AgeUnit = 'd' | 'w' | 'm' | 'y';

export type QueryNode =
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'text'; value: string }
  | { kind: 'field'; field: TextField; value: string }
  | { kind: 'is'; flag: FlagName }
  | { kind: 'has'; what: 'attachment' }
  | { kind: 'date'; op: 'before' | 'after' | 'on'; date: string }
  | { kind: 'age'; op: 'older_than' | 'newer_than'; amount: number; unit: AgeUnit }
  | { kind: 'size'; op: 'larger' | 'smaller'; bytes: number };

export interface QueryError {
  message: string;
  position: number;
}

export type ParseResult = { ok: true; ast: QueryNode } | { ok: false; error: QueryError };

/** One removable top-level term: what the chip shows, and the query text that stands for it. */
export interface QueryChip {
  label: string;
  text: string;
}

const TEXT_FIELDS: readonly string[] = ['from', 'to', 'cc', 'bcc', 'subject', 'body'];
const FLAGS: readonly string[] = ['unread', 'read', 'flagged', 'answered'];
const UNITS = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 } as const;
// IMAP sizes are 32-bit numbers (RFC 3501 "number"); a larger one is answered with BAD.
const MAX_SIZE = 2 ** 32 - 1;
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

function fail(message: string, position: number): never {
  throw new QuerySyntaxError(message, position);
}

type Token =
  | { type: '(' | ')' | 'OR' | '-'; pos: number }
  | { type: 'term'; pos: number; node: QueryNode };

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const endsWord = (c: string | undefined) => c === undefined || isSpace(c) || c === '(' || c === ')' || c === '"';

/** Reads the phrase whose opening quote is at `start`: its text and the index after its closing quote. */
function readPhrase(text: string, start: number): [string, number] {
  const close = text.indexOf('"', start + 1);
  if (close < 0) fail('Unclosed quote', start);
  if (close === start + 1) fail('Empty quotes', start);
  return [text.slice(start + 1, close), close + 1];
}

function parseDate(value: string, name: string, pos: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = match ? match.slice(1).map(Number) : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = match && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < MIN_YEAR || year > MAX_YEAR) fail(`Invalid date "${value}" for ${name}: use YYYY-MM-DD`, pos);
  return value;
}

function parseSize(value: string, name: string, pos: number): number {
  const match = /^(\d{1,10})([KMG]?)$/i.exec(value);
  const bytes = match ? Number(match[1]) * (match[2] ? UNITS[match[2].toUpperCase() as keyof typeof UNITS] : 1) : NaN;
  if (!(bytes >= 1 && bytes <= MAX_SIZE)) {
    fail(`Invalid size "${value}" for ${name}: use bytes or a number with K, M or G, up to 4G`, pos);
  }
  return bytes;
}

/** The node of `name:value`; `pos` is where the operator starts, `valuePos` where its value does. */
function operatorNode(name: string, value: string, pos: number, valuePos: number): QueryNode {
  const lower = value.toLowerCase();
  if (TEXT_FIELDS.includes(name)) return { kind: 'field', field: name as TextField, value };
  switch (name) {
    case 'is':
      if (!FLAGS.includes(lower)) fail(`Unknown value "${value}" for is: use unread, read, flagged or answered`, valuePos);
      return { kind: 'is', flag: lower as FlagName };
    case 'has':
      if (lower !== 'attachment') fail(`Unknown value "${value}" for has: use attachment`, valuePos);
      return { kind: 'has', what: 'attachment' };
    case 'before':
    case 'after':
    case 'on':
      return { kind: 'date', op: name, date: parseDate(value, `${name}:`, valuePos) };
    case 'older_than':
    case 'newer_than': {
      const match = /^(\d{1,4})([dwmy])$/i.exec(value);
      if (!match) fail(`Invalid period "${value}" for ${name}: use a number and d, w, m or y, like 7d`, valuePos);
      return { kind: 'age', op: name, amount: Number(match[1]), unit: match[2].toLowerCase() as AgeUnit };
    }
    case 'larger':
    case 'smaller':
      return { kind: 'size', op: name, bytes: parseSize(value, `${name}:`, valuePos) };
    default:
      return fail(`Unknown operator "${name}:" (put the text in quotes to search for it)`, pos);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c, pos: i++ });
    } else if (c === '-') {
      if (endsWord(text[i + 1]) && text[i + 1] !== '(' && text[i + 1] !== '"') fail('Nothing to exclude after "-"', i);
      tokens.push({ type: '-', pos: i++ });
    } else if (c === '"') {
      const [value, next] = readPhrase(text, i);
      tokens.push({ type: 'term', pos: i, node: { kind: 'text', value } });
      i = next;
    } else {
      let end = i;
      while (!endsWord(text[end])) end += 1;
      const word = text.slice(i, end);
      const operator = /^([A-Za-z_]+):/.exec(word);
      if (word === 'OR') {
        tokens.push({ type: 'OR', pos: i });
      } else if (!operator) {
        tokens.push({ type: 'term', pos: i, node: { kind: 'text', value: word } });
      } else {
        const name = operator[1].toLowerCase();
        const valuePos = i + operator[0].length;
        let value = word.slice(operator[0].length);
        if (!value && text[end] === '"') [value, end] = readPhrase(text, end);
        if (!value) fail(`${name}: needs a value`, i);
        tokens.push({ type: 'term', pos: i, node: operatorNode(name, value, i, valuePos) });
      }
      i = end;
    }
  }
  return tokens;
}

function parseTokens(tokens: Token[]): QueryNode {
  let at = 0;
  const danglingOr = (pos: number) => fail('OR needs a term on both sides', pos);

  const parseAnd = (): QueryNode => {
    const children: QueryNode[] = [];
    while (at < tokens.length && tokens[at].type !== ')') children.push(parseOr());
    return children.length === 1 ? children[0] : { kind: 'and', children };
  };

  const parseOr = (): QueryNode => {
    const children = [parseUnary()];
    while (tokens[at]?.type === 'OR') {
      const or = tokens[at++];
      if (at >= tokens.length || tokens[at].type === ')' || tokens[at].type === 'OR') danglingOr(or.pos);
      children.push(parseUnary());
    }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  };

  const parseUnary = (): QueryNode => {
    const token = tokens[at++];
    if (token.type === 'term') return token.node;
    if (token.type === 'OR') return danglingOr(token.pos);
    if (token.type === '-') return { kind: 'not', child: parseUnary() };
    if (token.type === ')') return fail('Unmatched closing parenthesis', token.pos);
    if (tokens[at]?.type === ')') fail('Empty parentheses', token.pos);
    const inner = parseAnd();
    if (at >= tokens.length) fail('Unclosed parenthesis', token.pos);
    at += 1;
    return inner;
  };

  const ast = parseAnd();
  if (at < tokens.length) fail('Unmatched closing parenthesis', tokens[at].pos);
  return ast;
}

/**
 * Parses a search box query. An empty query is an AND of nothing, which matches every message.
 * Errors name the first problem and where it is.
 */
export function parseQuery(text: string): ParseResult {
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, error: { message: 'Query is too long', position: MAX_QUERY_LENGTH } };
  // Control characters have no place in a search and CR/LF could not travel in an IMAP string.
  const control = /[\x00-\x08\x0a-\x1f\x7f]/.exec(text);
  if (control) return { ok: false, error: { message: 'Control characters are not allowed', position: control.index } };
  try {
    return { ok: true, ast: parseTokens(tokenize(text)) };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, error: { message: error.message, position: error.position } };
    throw error;
  }
}

const quoteIfNeeded = (value: string) => (/[\s()":]/.test(value) || value.startsWith('-') || value === 'OR' ? `"${value}"` : value);

function formatSize(bytes: number): string {
  for (const unit of ['G', 'M', 'K'] as const) if (bytes % UNITS[unit] === 0) return `${bytes / UNITS[unit]}${unit}`;
  return String(bytes);
}

/** The query text of one node; parsing it gives the node back. */
export function formatNode(node: QueryNode): string {
  switch (node.kind) {
    case 'and':
      return `(${node.children.map(formatNode).join(' ')})`;
    case 'or':
      return node.children.map((c) => (c.kind === 'or' ? `(${formatNode(c)})` : formatNode(c))).join(' OR ');
    case 'not':
      return node.child.kind === 'or' ? `-(${formatNode(node.child)})` : `-${formatNode(node.child)}`;
    case 'text':
      return quoteIfNeeded(node.value);
    case 'field':
      return `${node.field}:${quoteIfNeeded(node.value)}`;
    case 'is':
      return `is:${node.flag}`;
    case 'has':
      return `has:${node.what}`;
    case 'date':
      return `${node.op}:${node.date}`;
    case 'age':
      return `${node.op}:${node.amount}${node.unit}`;
    case 'size':
      return `${node.op}:${formatSize(node.bytes)}`;
  }
}

const FIELD_LABELS: Record<TextField, string> = { from: 'From', to: 'To', cc: 'Cc', bcc: 'Bcc', subject: 'Subject', body: 'Body' };
const UNIT_NAMES: Record<AgeUnit, string> = { d: 'day', w: 'week', m: 'month', y: 'year' };

/** A short human label for a node, for a chip. */
export function describeNode(node: QueryNode): string {
  switch (node.kind) {
    case 'and':
      return `(${node.children.map(describeNode).join(', ')})`;
    case 'or':
      return node.children.map(describeNode).join(' or ');
    case 'not':
      return `Not ${describeNode(node.child)}`;
    case 'text':
      return `“${node.value}”`;
    case 'field':
      return `${FIELD_LABELS[node.field]}: ${node.value}`;
    case 'is':
      return node.flag[0].toUpperCase() + node.flag.slice(1);
    case 'has':
      return 'Has attachment';
    case 'date':
      return `${node.op[0].toUpperCase()}${node.op.slice(1)} ${node.date}`;
    case 'age':
      return `${node.op === 'older_than' ? 'Older' : 'Newer'} than ${node.amount} ${UNIT_NAMES[node.unit]}${node.amount === 1 ? '' : 's'}`;
    case 'size': {
      const size = formatSize(node.bytes);
      const label = /\d$/.test(size) ? `${size} bytes` : `${size.slice(0, -1)} ${size.slice(-1)}B`;
      return `${node.op === 'larger' ? 'Larger' : 'Smaller'} than ${label}`;
    }
  }
}

/** The top-level AND terms as chips; the query without a chip is the other chips' text joined by spaces. */
export function toChips(ast: QueryNode): QueryChip[] {
  const terms = ast.kind === 'and' ? ast.children : [ast];
  return terms.map((node) => ({ label: describeNode(node), text: formatNode(node) }));
}
