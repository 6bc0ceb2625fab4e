import 'server-only';
import type { SearchObject } from 'imapflow';
import type { AgeUnit, QueryNode } from '@/lib/search-query';

/*
 * Compiles the search box's AST (lib/search-query.ts) into imapflow's search object, never into
 * IMAP text: imapflow quotes every value and sends a non-ASCII one as a literal under
 * CHARSET UTF-8 (its search-compiler.js, hasLiteral), so "Grüße" needs nothing from us.
 *
 * Days are UTC days: imapflow writes IMAP dates from toISOString(). IMAP dates have no time, so
 * after:X is SINCE X+1 (SINCE includes its day) and before:X is BEFORE X (which excludes it).
 * When the server has WITHIN, imapflow turns before/since into OLDER/YOUNGER seconds from the
 * same UTC midnight, so both paths agree.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

// imapflow has no attachment key. A message with attachments is nearly always multipart/mixed
// at the top, so has:attachment searches that header. It misses an attachment as the only
// part and counts a multipart/mixed message without a real attachment. The advanced search form
// tells the user so (components/search/AdvancedSearch.tsx).
const ATTACHMENT_HEADER: SearchObject = { header: { 'Content-Type': 'multipart/mixed' } };

const FLAG_SEARCH: Record<string, SearchObject> = {
  unread: { seen: false },
  read: { seen: true },
  flagged: { flagged: true },
  answered: { answered: true },
};

function utcDay(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** UTC midnight of the day `amount` units before `now`; months keep the day, clamped to the month's end. */
function daysAgo(now: Date, amount: number, unit: AgeUnit): Date {
  const [year, month, day] = [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()];
  let time: number;
  if (unit === 'd' || unit === 'w') {
    time = Date.UTC(year, month, day - amount * (unit === 'w' ? 7 : 1));
  } else {
    const first = new Date(Date.UTC(year, month - amount * (unit === 'y' ? 12 : 1), 1));
    const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    time = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, lastDay));
  }
  // older_than:9999y must still be a date IMAP can write.
  return new Date(Math.max(time, 0));
}

const isNegation = (part: SearchObject): part is { not: SearchObject } => Object.keys(part).length === 1 && part.not !== undefined;

/**
 * ANDs search objects. imapflow ANDs the keys of one object, so parts merge while their keys
 * differ, and negations share one `not` (NOT a AND NOT b is NOT (a OR b)). A part whose key is
 * taken (a second word, say) goes to a tail, attached as NOT NOT tail, which is the tail itself
 * (imapflow parenthesises a multi-key operand). If `not` is taken, NOT n AND tail is NOT (n OR NOT tail).
 */
function allOf(parts: SearchObject[]): SearchObject {
  const head: SearchObject = {};
  const rest: SearchObject[] = [];
  const negated = parts.filter(isNegation).map((part) => part.not);
  for (const part of parts.filter((p) => !isNegation(p))) {
    if (Object.keys(part).some((key) => key in head)) rest.push(part);
    else Object.assign(head, part);
  }
  if (negated.length > 0) {
    const not = negated.length === 1 ? negated[0] : { or: negated };
    if (head.not) rest.push({ not });
    else head.not = not;
  }
  if (rest.length === 0) return head;
  const tail = allOf(rest);
  head.not = head.not ? { or: [head.not, { not: tail }] } : { not: tail };
  return head;
}

/**
 * The imapflow search object for a parsed query. `now` anchors older_than/newer_than.
 * An empty query matches every message.
 */
export function compileQuery(ast: QueryNode, now: Date): SearchObject {
  const compile = (node: QueryNode): SearchObject => {
    switch (node.kind) {
      case 'and':
        return node.children.length === 0 ? { all: true } : allOf(node.children.map(compile));
      case 'or':
        return { or: node.children.map(compile) };
      case 'not':
        return { not: compile(node.child) };
      case 'text':
        return { text: node.value };
      case 'field':
        return { [node.field]: node.value };
      case 'is':
        return { ...FLAG_SEARCH[node.flag] };
      case 'has':
        return { header: { ...ATTACHMENT_HEADER.header } };
      case 'date':
        if (node.op === 'before') return { before: utcDay(node.date) };
        if (node.op === 'on') return { on: utcDay(node.date) };
        return { since: new Date(utcDay(node.date).getTime() + DAY_MS) };
      case 'age': {
        const date = daysAgo(now, node.amount, node.unit);
        return node.op === 'older_than' ? { before: date } : { since: date };
      }
      case 'size':
        return node.op === 'larger' ? { larger: node.bytes } : { smaller: node.bytes };
    }
  };
  return compile(ast);
}
