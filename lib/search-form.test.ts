import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, fieldsToQuery, queryToFields } from './search-form';
import { parseQuery } from './search-query';

describe('advanced search form <-> query', () => {
  it('builds a query from the fields, quoting what needs it', () => {
    const query = fieldsToQuery({
      ...EMPTY_FIELDS,
      from: 'Ann Lee',
      subject: 'report',
      words: 'budget OR forecast',
      without: 'draft spam',
      after: '2025-01-01',
      before: '2025-02-01',
      unread: true,
      attachment: true,
    });
    expect(query).toBe('from:"Ann Lee" subject:report budget OR forecast -draft -spam after:2025-01-01 before:2025-02-01 is:unread has:attachment');
    expect(parseQuery(query).ok).toBe(true);
  });

  it('an empty form is an empty query', () => {
    expect(fieldsToQuery(EMPTY_FIELDS)).toBe('');
  });

  it('fills the form from a query and gives the same query back', () => {
    const query = 'from:"Ann Lee" to:bob subject:report -draft after:2025-01-01 is:flagged has:attachment larger:5M (a OR b)';
    const fields = queryToFields(query);
    expect(fields).toMatchObject({ from: 'Ann Lee', to: 'bob', subject: 'report', without: 'draft', after: '2025-01-01', flagged: true, attachment: true });
    expect(fields.words).toBe('larger:5M a OR b');
    expect(parseQuery(fieldsToQuery(fields)).ok).toBe(true);
  });

  it('a query that does not parse stays as typed, in words', () => {
    expect(queryToFields('from:(').words).toBe('from:(');
  });
});
