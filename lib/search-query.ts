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

/** What can be wrong with a query: the code names the words (catalog `mail.search.query`), `values` fill them. */
export type QueryErrorCode =
  | 'tooLong'
  | 'control'
  | 'unclosedQuote'
  | 'emptyQuotes'
  | 'badDate'
  | 'badSize'
  | 'badFlag'
  | 'badHas'
  | 'badPeriod'
  | 'unknownOperator'
  | 'nothingToExclude'
  | 'needsValue'
  | 'danglingOr'
  | 'unmatchedClose'
  | 'emptyParens'
  | 'unclosedParen';

type ErrorValues = Record<string, string>;

/** The parser's own words (English): the server's logs, the tests; the UI words them from the catalog by code. */
const ENGLISH_ERRORS: Record<QueryErrorCode, (v: ErrorValues) => string> = {
  tooLong: () => 'Query is too long',
  control: () => 'Control characters are not allowed',
  unclosedQuote: () => 'Unclosed quote',
  emptyQuotes: () => 'Empty quotes',
  badDate: (v) => `Invalid date "${v.value}" for ${v.name}: use YYYY-MM-DD`,
  badSize: (v) => `Invalid size "${v.value}" for ${v.name}: use bytes or a number with K, M or G, up to 4G`,
  badFlag: (v) => `Unknown value "${v.value}" for is: use unread, read, flagged or answered`,
  badHas: (v) => `Unknown value "${v.value}" for has: use attachment`,
  badPeriod: (v) => `Invalid period "${v.value}" for ${v.name}: use a number and d, w, m or y, like 7d`,
  unknownOperator: (v) => `Unknown operator "${v.name}:" (put the text in quotes to search for it)`,
  nothingToExclude: () => 'Nothing to exclude after "-"',
  needsValue: (v) => `${v.name}: needs a value`,
  danglingOr: () => 'OR needs a term on both sides',
  unmatchedClose: () => 'Unmatched closing parenthesis',
  emptyParens: () => 'Empty parentheses',
  unclosedParen: () => 'Unclosed parenthesis',
};

export interface QueryError {
  code: QueryErrorCode;
  values: ErrorValues;
  /** In English. */
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

const queryError = (code: QueryErrorCode, position: number, values: ErrorValues = {}): QueryError => ({ code, values, message: ENGLISH_ERRORS[code](values), position });

class QuerySyntaxError extends Error {
  constructor(readonly error: QueryError) {
    super(error.message);
  }
}

function fail(code: QueryErrorCode, position: number, values?: ErrorValues): never {
  throw new QuerySyntaxError(queryError(code, position, values));
}

type Token =
  | { type: '(' | ')' | 'OR' | '-'; pos: number }
  | { type: 'term'; pos: number; node: QueryNode };

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const endsWord = (c: string | undefined) => c === undefined || isSpace(c) || c === '(' || c === ')' || c === '"';

/** Reads the phrase whose opening quote is at `start`: its text and the index after its closing quote. */
function readPhrase(text: string, start: number): [string, number] {
  const close = text.indexOf('"', start + 1);
  if (close < 0) fail('unclosedQuote', start);
  if (close === start + 1) fail('emptyQuotes', start);
  return [text.slice(start + 1, close), close + 1];
}

function parseDate(value: string, name: string, pos: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = match ? match.slice(1).map(Number) : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = match && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < MIN_YEAR || year > MAX_YEAR) fail('badDate', pos, { value, name });
  return value;
}

function parseSize(value: string, name: string, pos: number): number {
  const match = /^(\d{1,10})([KMG]?)$/i.exec(value);
  const bytes = match ? Number(match[1]) * (match[2] ? UNITS[match[2].toUpperCase() as keyof typeof UNITS] : 1) : NaN;
  if (!(bytes >= 1 && bytes <= MAX_SIZE)) {
    fail('badSize', pos, { value, name });
  }
  return bytes;
}

/** The node of `name:value`; `pos` is where the operator starts, `valuePos` where its value does. */
function operatorNode(name: string, value: string, pos: number, valuePos: number): QueryNode {
  const lower = value.toLowerCase();
  if (TEXT_FIELDS.includes(name)) return { kind: 'field', field: name as TextField, value };
  switch (name) {
    case 'is':
      if (!FLAGS.includes(lower)) fail('badFlag', valuePos, { value });
      return { kind: 'is', flag: lower as FlagName };
    case 'has':
      if (lower !== 'attachment') fail('badHas', valuePos, { value });
      return { kind: 'has', what: 'attachment' };
    case 'before':
    case 'after':
    case 'on':
      return { kind: 'date', op: name, date: parseDate(value, `${name}:`, valuePos) };
    case 'older_than':
    case 'newer_than': {
      const match = /^(\d{1,4})([dwmy])$/i.exec(value);
      if (!match) fail('badPeriod', valuePos, { value, name });
      return { kind: 'age', op: name, amount: Number(match[1]), unit: match[2].toLowerCase() as AgeUnit };
    }
    case 'larger':
    case 'smaller':
      return { kind: 'size', op: name, bytes: parseSize(value, `${name}:`, valuePos) };
    default:
      return fail('unknownOperator', pos, { name });
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
      if (endsWord(text[i + 1]) && text[i + 1] !== '(' && text[i + 1] !== '"') fail('nothingToExclude', i);
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
        if (!value) fail('needsValue', i, { name });
        tokens.push({ type: 'term', pos: i, node: operatorNode(name, value, i, valuePos) });
      }
      i = end;
    }
  }
  return tokens;
}

function parseTokens(tokens: Token[]): QueryNode {
  let at = 0;
  const danglingOr = (pos: number) => fail('danglingOr', pos);

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
    if (token.type === ')') return fail('unmatchedClose', token.pos);
    if (tokens[at]?.type === ')') fail('emptyParens', token.pos);
    const inner = parseAnd();
    if (at >= tokens.length) fail('unclosedParen', token.pos);
    at += 1;
    return inner;
  };

  const ast = parseAnd();
  if (at < tokens.length) fail('unmatchedClose', tokens[at].pos);
  return ast;
}

/**
 * Parses a search box query. An empty query is an AND of nothing, which matches every message.
 * Errors name the first problem and where it is.
 */
export function parseQuery(text: string): ParseResult {
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, error: queryError('tooLong', MAX_QUERY_LENGTH) };
  // Control characters have no place in a search and CR/LF could not travel in an IMAP string.
  const control = /[\x00-\x08\x0a-\x1f\x7f]/.exec(text);
  if (control) return { ok: false, error: queryError('control', control.index) };
  try {
    return { ok: true, ast: parseTokens(tokenize(text)) };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, error: error.error };
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

/** The words of a chip: the catalog's `mail.search.chips` in the UI, English by default. */
export interface ChipWords {
  text(value: string): string;
  field(field: TextField, value: string): string;
  flag(flag: FlagName): string;
  hasAttachment: string;
  not(term: string): string;
  or(left: string, right: string): string;
  date(op: 'before' | 'after' | 'on', date: string): string;
  age(op: 'older_than' | 'newer_than', amount: number, unit: AgeUnit): string;
  /** `size` is "5 MB", or the bytes as `bytes` words them. */
  size(op: 'larger' | 'smaller', size: string): string;
  bytes(n: string): string;
}

const FIELD_LABELS: Record<TextField, string> = { from: 'From', to: 'To', cc: 'Cc', bcc: 'Bcc', subject: 'Subject', body: 'Body' };
const UNIT_NAMES: Record<AgeUnit, string> = { d: 'day', w: 'week', m: 'month', y: 'year' };
const capital = (word: string) => word[0].toUpperCase() + word.slice(1);

export const ENGLISH_CHIP_WORDS: ChipWords = {
  text: (value) => `“${value}”`,
  field: (field, value) => `${FIELD_LABELS[field]}: ${value}`,
  flag: capital,
  hasAttachment: 'Has attachment',
  not: (term) => `Not ${term}`,
  or: (left, right) => `${left} or ${right}`,
  date: (op, date) => `${capital(op)} ${date}`,
  age: (op, amount, unit) => `${op === 'older_than' ? 'Older' : 'Newer'} than ${amount} ${UNIT_NAMES[unit]}${amount === 1 ? '' : 's'}`,
  size: (op, size) => `${op === 'larger' ? 'Larger' : 'Smaller'} than ${size}`,
  bytes: (n) => `${n} bytes`,
};

/** ChipWords from a catalog's `mail.search.chips` messages, as `words(key, values)` formats them. */
export function chipWordsFrom(words: (key: string, values?: Record<string, string | number>) => string): ChipWords {
  return {
    text: (value) => words('text', { value }),
    field: (field, value) => words('field', { field, value }),
    flag: (flag) => words('flag', { flag }),
    hasAttachment: words('hasAttachment'),
    not: (term) => words('not', { term }),
    or: (left, right) => words('or', { left, right }),
    date: (op, date) => words('date', { op, date }),
    age: (op, amount, unit) => words('age', { op, amount, unit }),
    size: (op, size) => words('size', { op, size }),
    bytes: (n) => words('bytes', { n }),
  };
}

/** A short human label for a node, for a chip. */
export function describeNode(node: QueryNode, words: ChipWords = ENGLISH_CHIP_WORDS): string {
  const describe = (child: QueryNode) => describeNode(child, words);
  switch (node.kind) {
    case 'and':
      return `(${node.children.map(describe).join(', ')})`;
    case 'or':
      return node.children.map(describe).reduce((left, right) => words.or(left, right));
    case 'not':
      return words.not(describe(node.child));
    case 'text':
      return words.text(node.value);
    case 'field':
      return words.field(node.field, node.value);
    case 'is':
      return words.flag(node.flag);
    case 'has':
      return words.hasAttachment;
    case 'date':
      return words.date(node.op, node.date);
    case 'age':
      return words.age(node.op, node.amount, node.unit);
    case 'size': {
      const size = formatSize(node.bytes);
      return words.size(node.op, /\d$/.test(size) ? words.bytes(size) : `${size.slice(0, -1)} ${size.slice(-1)}B`);
    }
  }
}

/** The top-level AND terms as chips; the query without a chip is the other chips' text joined by spaces. */
export function toChips(ast: QueryNode, words?: ChipWords): QueryChip[] {
  const terms = ast.kind === 'and' ? ast.children : [ast];
  return terms.map((node) => ({ label: describeNode(node, words), text: formatNode(node) }));
}
