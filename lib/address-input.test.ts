import { describe, expect, it } from 'vitest';
import { firstInvalidRecipient, formatRecipient, parseRecipients, takeFinishedRecipients, toRecipientInputs } from './address-input';

const ok = (name: string, address: string) => ({ name, address, valid: true });

describe('parseRecipients', () => {
  it('reads names in angle-bracket form and bare addresses, split by commas and semicolons', () => {
    expect(parseRecipients('Ann <ann@x.org>, bob@y.org; <cy@z.org>')).toEqual([ok('Ann', 'ann@x.org'), ok('', 'bob@y.org'), ok('', 'cy@z.org')]);
  });

  it('keeps commas inside quoted names and unescapes the quotes', () => {
    expect(parseRecipients('"Doe, Jo" <jo@y.org>, "Say \\"hi\\"" <hi@y.org>')).toEqual([ok('Doe, Jo', 'jo@y.org'), ok('Say "hi"', 'hi@y.org')]);
  });

  it('reads a parenthesized name after the address', () => {
    expect(parseRecipients('ann@x.org (Ann Lee)')).toEqual([ok('Ann Lee', 'ann@x.org')]);
  });

  it('splits bare addresses separated only by spaces or new lines', () => {
    expect(parseRecipients('a@x.org  b@y.org\nc@z.org')).toEqual([ok('', 'a@x.org'), ok('', 'b@y.org'), ok('', 'c@z.org')]);
  });

  it('keeps what is not an address, marked invalid', () => {
    expect(parseRecipients('bob, Ann <ann@>')).toEqual([
      { name: '', address: 'bob', valid: false },
      { name: 'Ann', address: 'ann@', valid: false },
    ]);
  });

  it('ignores empty segments', () => {
    expect(parseRecipients(' , ;; ')).toEqual([]);
  });
});

describe('takeFinishedRecipients', () => {
  it('turns text before the last separator into recipients and keeps the rest', () => {
    expect(takeFinishedRecipients('ann@x.org, bo')).toEqual({ recipients: [ok('', 'ann@x.org')], rest: 'bo' });
  });

  it('does not finish at a comma inside quotes', () => {
    expect(takeFinishedRecipients('"Doe, ')).toEqual({ recipients: [], rest: '"Doe, ' });
  });

  it('does not finish at a comma inside angle brackets', () => {
    expect(takeFinishedRecipients('Ann <ann@x.org,')).toEqual({ recipients: [], rest: 'Ann <ann@x.org,' });
  });
});

describe('formatRecipient', () => {
  it('quotes names with special characters, so the text parses back to the same recipient', () => {
    const text = formatRecipient({ name: 'Doe, "Jo"', address: 'jo@y.org' });
    expect(text).toBe('"Doe, \\"Jo\\"" <jo@y.org>');
    expect(parseRecipients(text)).toEqual([ok('Doe, "Jo"', 'jo@y.org')]);
  });

  it('shows a bare address without brackets', () => {
    expect(formatRecipient({ name: '', address: 'a@x.org' })).toBe('a@x.org');
  });
});

describe('firstInvalidRecipient', () => {
  it('names the first invalid recipient across the lists, or null', () => {
    expect(firstInvalidRecipient([[ok('', 'a@x.org')], parseRecipients('nope')])).toBe('nope');
    expect(firstInvalidRecipient([[ok('', 'a@x.org')]])).toBeNull();
  });
});

describe('toRecipientInputs', () => {
  it('checks addresses from the server like typed ones', () => {
    expect(toRecipientInputs([{ name: 'A', address: 'a@x.org' }, { name: '', address: 'undisclosed-recipients:' }])).toEqual([
      ok('A', 'a@x.org'),
      { name: '', address: 'undisclosed-recipients:', valid: false },
    ]);
  });
});
