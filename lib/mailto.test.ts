import { describe, expect, it } from 'vitest';
import { parseMailto } from './mailto';

const ok = (address: string, name = '') => ({ name, address, valid: true });

describe('parseMailto', () => {
  it('reads the address, subject and body, percent-decoded', () => {
    expect(parseMailto('mailto:ann@example.com?subject=Hi%20there&body=Line%201%0D%0ALine%202')).toEqual({
      to: [ok('ann@example.com')],
      cc: [],
      bcc: [],
      subject: 'Hi there',
      body: 'Line 1\nLine 2',
    });
  });

  it('takes several addresses from the path and the to, cc and bcc keys', () => {
    const m = parseMailto('mailto:a@x.org,b@x.org?to=c@x.org&cc=d@x.org%2C%20e@x.org&bcc=f@x.org&cc=g@x.org');
    expect(m?.to).toEqual([ok('a@x.org'), ok('b@x.org'), ok('c@x.org')]);
    expect(m?.cc).toEqual([ok('d@x.org'), ok('e@x.org'), ok('g@x.org')]);
    expect(m?.bcc).toEqual([ok('f@x.org')]);
  });

  it('reads the scheme and keys case-insensitively', () => {
    const m = parseMailto('MAILTO:a@x.org?SUBJECT=Hello&Cc=b@x.org&Body=Text');
    expect(m).toMatchObject({ subject: 'Hello', cc: [ok('b@x.org')], body: 'Text' });
  });

  it('strips line breaks from the subject: no header injection', () => {
    expect(parseMailto('mailto:a@x.org?subject=Hi%0D%0ABcc:%20evil@x.org')?.subject).toBe('Hi Bcc: evil@x.org');
  });

  it('keeps an address with an injected line break from adding a recipient header', () => {
    const m = parseMailto('mailto:a@x.org%0D%0ABcc:evil@x.org');
    expect(m?.bcc).toEqual([]);
    expect(m?.to.every((r) => !/[\r\n]/.test(r.address))).toBe(true);
  });

  it('ignores attach and unknown keys', () => {
    expect(parseMailto('mailto:a@x.org?attach=/etc/passwd&X-Evil=1')).toEqual({ to: [ok('a@x.org')], cc: [], bcc: [], subject: '', body: '' });
  });

  it('keeps a plus sign and survives malformed escapes', () => {
    expect(parseMailto('mailto:a+tag@x.org?subject=100%25%20%ZZ%20sure')).toMatchObject({ to: [ok('a+tag@x.org')], subject: '100% %ZZ sure' });
  });

  it('reads a name in angle-bracket form', () => {
    expect(parseMailto('mailto:Ann%20Lee%20%3Cann@x.org%3E')?.to).toEqual([ok('ann@x.org', 'Ann Lee')]);
  });

  it('answers null for other schemes', () => {
    expect(parseMailto('https://example.org')).toBeNull();
  });

  it('allows a mailto with only a subject', () => {
    expect(parseMailto('mailto:?subject=x')).toMatchObject({ to: [], subject: 'x' });
  });
});
