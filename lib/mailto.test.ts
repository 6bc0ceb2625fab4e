import { describe, expect, it } from 'vitest';
import { INBOX_VIEW, parseMailUrl, safeNextPath } from './mail-url';
import { mailtoOfUrl, parseMailto, withMailto } from './mailto';

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
  it('keeps a CRLF in the subject, to or cc from making a header or a recipient', () => {
    const m = parseMailto('mailto:a@x.org?subject=Hi%0D%0ABcc:%20evil@x.org&cc=b@x.org%0D%0ABcc:%20evil@x.org&to=c@x.org%0ABcc:evil@x.org')!;
    expect(m.subject).toBe('Hi Bcc: evil@x.org');
    expect(m.bcc).toEqual([]);
    for (const r of [...m.to, ...m.cc]) expect(r.address).not.toMatch(/[\r\n]/);
  });

  it('leaves a javascript: URL in the body as text (the composer escapes it into paragraphs)', () => {
    expect(parseMailto('mailto:a@x.org?body=%3Ca%20href%3D%22javascript:alert(1)%22%3Ex%3C/a%3E')?.body).toBe('<a href="javascript:alert(1)">x</a>');
  });

  it('bounds a huge body and a huge subject, and drops NULs', () => {
    const m = parseMailto(`mailto:a@x.org?subject=${'s'.repeat(5000)}&body=${'b%00'.repeat(300_000)}`)!;
    expect(m.subject.length).toBe(998);
    expect(m.body).toBe('b'.repeat(100_000));
  });

  it('reads a bcc and a second to only from their own keys, the first subject and body only', () => {
    expect(parseMailto('mailto:a@x.org?bcc=b@x.org&subject=one&subject=two&body=1&body=2')).toMatchObject({ bcc: [ok('b@x.org')], subject: 'one', body: '1' });
  });
});

describe('a new compose from a mailto: link (the protocol handler)', () => {
  const search = (url: string) => new URL(url, 'https://wren.test').searchParams;
  const handled = (link: string) => `/mail?compose=new&mailto=${encodeURIComponent(link)}`;

  it('hands the composer the link, percent-decoded once, as the browser put it in place of %s', () => {
    const link = 'mailto:ann@example.com?cc=bob@example.com&subject=Hi%20there&body=Line%201%0D%0ALine%202';
    expect(mailtoOfUrl(search(handled(link)))).toBe(link);
    expect(parseMailto(mailtoOfUrl(search(handled(link)))!)).toMatchObject({ subject: 'Hi there', body: 'Line 1\nLine 2' });
  });

  it('takes the view from the rest of the URL as before: a new compose over the Inbox', () => {
    expect(parseMailUrl([], search(handled('mailto:ann@example.com')))).toEqual({ ...INBOX_VIEW, compose: { kind: 'new' } });
  });

  it.each([
    ['javascript:', '/mail?compose=new&mailto=javascript:alert(1)'],
    ['a data: URL', `/mail?compose=new&mailto=${encodeURIComponent('data:text/html,<script>alert(1)</script>')}`],
    ['a mailto: after spaces', `/mail?compose=new&mailto=${encodeURIComponent(' mailto:a@x.org')}`],
    ['an https: link', `/mail?compose=new&mailto=${encodeURIComponent('https://evil.test/?mailto:a@x.org')}`],
    ['no compose=new', `/mail?mailto=${encodeURIComponent('mailto:a@x.org')}`],
    ['a reply instead', `/mail?compose=reply:x&mailto=${encodeURIComponent('mailto:a@x.org')}`],
    ['an empty one', '/mail?compose=new&mailto='],
  ])('ignores %s', (_name, url) => {
    expect(mailtoOfUrl(search(url))).toBeNull();
  });

  it('cuts a huge link, and the composer still gets one bounded body', () => {
    const link = `mailto:a@x.org?subject=big&body=${'x'.repeat(500_000)}`;
    const read = mailtoOfUrl(search(handled(link)))!;
    expect(read.length).toBe(200_000);
    const compose = parseMailto(read)!;
    expect(compose.subject).toBe('big');
    expect(compose.body.length).toBe(100_000);
  });

  it('keeps the link through sign-in', () => {
    const link = 'mailto:ann@example.com?subject=A%26B';
    const next = withMailto('/mail/INBOX?compose=new', link);
    expect(safeNextPath(next)).toBe(next);
    expect(mailtoOfUrl(search(next))).toBe(link);
    expect(withMailto('/mail/INBOX?compose=new', null)).toBe('/mail/INBOX?compose=new');
  });
});
