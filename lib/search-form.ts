import { formatNode, parseQuery, type QueryNode } from './search-query';

/** The advanced search form's fields; every one optional. Words may use the query language. */
export interface SearchFields {
  from: string;
  to: string;
  subject: string;
  /** Words anywhere in the message (or any query text the form has no field for). */
  words: string;
  /** Words the message must not contain. */
  without: string;
  /** yyyy-mm-dd, as a date input gives it. */
  after: string;
  before: string;
  unread: boolean;
  flagged: boolean;
  attachment: boolean;
}

export const EMPTY_FIELDS: SearchFields = {
  from: '',
  to: '',
  subject: '',
  words: '',
  without: '',
  after: '',
  before: '',
  unread: false,
  flagged: false,
  attachment: false,
};

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** The query the form stands for, in the search box's language (the box shows it, chips and all). */
export function fieldsToQuery(fields: SearchFields): string {
  const terms: string[] = [];
  for (const field of ['from', 'to', 'subject'] as const) {
    const value = fields[field].trim();
    if (value) terms.push(formatNode({ kind: 'field', field, value }));
  }
  if (fields.words.trim()) terms.push(fields.words.trim());
  for (const word of words(fields.without)) terms.push(formatNode({ kind: 'not', child: { kind: 'text', value: word.replace(/"/g, '') } }));
  if (fields.after) terms.push(`after:${fields.after}`);
  if (fields.before) terms.push(`before:${fields.before}`);
  if (fields.unread) terms.push('is:unread');
  if (fields.flagged) terms.push('is:flagged');
  if (fields.attachment) terms.push('has:attachment');
  return terms.join(' ');
}

/**
 * The form filled from a query, so "advanced" opens on what is being searched: top-level terms
 * the form has a field for go there, the rest stays query text in "words".
 */
export function queryToFields(query: string): SearchFields {
  const fields = { ...EMPTY_FIELDS };
  const parsed = query.trim() ? parseQuery(query) : null;
  if (!parsed) return fields;
  if (!parsed.ok) return { ...fields, words: query };
  const rest: string[] = [];
  const without: string[] = [];
  const terms: QueryNode[] = parsed.ast.kind === 'and' ? parsed.ast.children : [parsed.ast];
  for (const node of terms) {
    if (node.kind === 'field' && (node.field === 'from' || node.field === 'to' || node.field === 'subject') && !fields[node.field]) fields[node.field] = node.value;
    else if (node.kind === 'not' && node.child.kind === 'text' && !/\s/.test(node.child.value)) without.push(node.child.value);
    else if (node.kind === 'date' && node.op !== 'on' && !fields[node.op]) fields[node.op] = node.date;
    else if (node.kind === 'is' && node.flag === 'unread') fields.unread = true;
    else if (node.kind === 'is' && node.flag === 'flagged') fields.flagged = true;
    else if (node.kind === 'has') fields.attachment = true;
    else rest.push(formatNode(node));
  }
  return { ...fields, words: rest.join(' '), without: without.join(' ') };
}
