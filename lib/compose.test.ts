import { describe, expect, it } from 'vitest';
import {
  composeIdOf,
  composeInputSchema,
  composeMessageId,
  forwardSubject,
  pickReplySender,
  quoteForForward,
  quoteForReply,
  replyRecipients,
  replyReferences,
  replySubject,
} from './compose';

const a = (address: string, name = '') => ({ name, address });
const ID = '0b7c6a52-3f0e-4a57-9d3e-2f6f3c1a9e10';

describe('compose rules', () => {
  it('Re: and Fwd: are not stacked, whatever the client wrote before', () => {
    expect(replySubject('Hello')).toBe('Re: Hello');
    expect(replySubject('Re: RE: Fwd: Hello')).toBe('Re: Hello');
    expect(replySubject('AW: Hallo')).toBe('Re: Hallo');
    expect(forwardSubject('Re: Hello')).toBe('Fwd: Hello');
    expect(forwardSubject('Fw: Hello')).toBe('Fwd: Hello');
  });

  it('reply goes to Reply-To, else From; reply all adds To and Cc without the user', () => {
    const original = { from: [a('ann@x.org', 'Ann')], replyTo: [], to: [a('me@example.com'), a('bob@y.org')], cc: [a('cat@z.org'), a('ME@example.com')] };
    expect(replyRecipients(original, 'me@example.com', false)).toEqual({ to: [a('ann@x.org', 'Ann')], cc: [] });
    expect(replyRecipients(original, 'me@example.com', true)).toEqual({ to: [a('ann@x.org', 'Ann')], cc: [a('bob@y.org'), a('cat@z.org')] });
    expect(replyRecipients({ ...original, replyTo: [a('list@x.org')] }, 'me@example.com', false).to).toEqual([a('list@x.org')]);
  });

  it('reply all leaves out every address of the user given (the account’s and the identity replying)', () => {
    const original = { from: [a('ann@x.org')], replyTo: [], to: [a('Support@example.com'), a('bob@y.org')], cc: [a('me@example.com')] };
    expect(replyRecipients(original, ['me@example.com', 'support@example.com'], true)).toEqual({ to: [a('ann@x.org')], cc: [a('bob@y.org')] });
  });

  it('a reply is from the user’s address the original named: To first, then Cc, then Delivered-To; else none', () => {
    const mine = ['me@example.com', 'support@example.com', 'sales@example.com'];
    const none = { to: [], cc: [], deliveredTo: [] };
    expect(pickReplySender(mine, { ...none, to: [a('x@y.org'), a('SALES@example.com')], cc: [a('support@example.com')] })).toBe('sales@example.com');
    expect(pickReplySender(mine, { ...none, to: [a('list@y.org')], cc: [a('support@example.com')], deliveredTo: ['me@example.com'] })).toBe('support@example.com');
    expect(pickReplySender(mine, { ...none, to: [a('list@y.org')], deliveredTo: ['Support@Example.com'] })).toBe('support@example.com');
    expect(pickReplySender(mine, { ...none, to: [a('list@y.org')] })).toBeUndefined();
  });

  it('a reply to one’s own sent message goes to its recipients', () => {
    const sent = { from: [a('me@example.com')], replyTo: [], to: [a('bob@y.org')], cc: [a('cat@z.org')] };
    expect(replyRecipients(sent, 'me@example.com', true)).toEqual({ to: [a('bob@y.org')], cc: [a('cat@z.org')] });
  });

  it('References: the original’s, then its Message-ID, malformed ones dropped, at most 20', () => {
    expect(replyReferences({ messageId: '<c@x>', references: ['<a@x>', 'junk', '<b@x>'] })).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    const many = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    expect(replyReferences({ messageId: '<last@x>', references: many })).toHaveLength(20);
  });

  it('a compose id fixes the Message-ID, and comes back from it', () => {
    const messageId = composeMessageId(ID, 'example.com');
    expect(messageId).toBe(`<${ID}@example.com>`);
    expect(composeIdOf(messageId)).toBe(ID);
    expect(composeIdOf('<other@example.com>')).toBeNull();
  });

  it('CR or LF in a header-bound field is refused; addresses are parsed', () => {
    const base = { composeId: ID, to: [a('bob@example.com')] };
    expect(composeInputSchema.safeParse(base).success).toBe(true);
    expect(composeInputSchema.safeParse({ ...base, subject: 'Hi\r\nBcc: evil@x.org' }).success).toBe(false);
    expect(composeInputSchema.safeParse({ ...base, fromName: 'Ann\nX-Evil: 1' }).success).toBe(false);
    expect(composeInputSchema.safeParse({ ...base, to: [a('bob@example.com\r\nBcc: x@y.org')] }).success).toBe(false);
    expect(composeInputSchema.safeParse({ ...base, to: [a('not an address')] }).success).toBe(false);
    expect(composeInputSchema.safeParse({ ...base, references: ['<a@x>\r\nX: y'] }).success).toBe(false);
    expect(composeInputSchema.safeParse({ ...base, composeId: 'not-a-uuid' }).success).toBe(false);
  });

  it('quotes escape names and headers: an original cannot inject markup through them', () => {
    const original = { date: '2025-01-02T03:04:05.000Z', from: [a('x@y.org', '<img src=x onerror=alert(1)>')], to: [a('me@example.com')], cc: [], subject: '<b>hi</b>', html: '<p>body</p>' };
    const reply = quoteForReply(original, (d) => d);
    expect(reply.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(reply.html).toContain('<blockquote><p>body</p></blockquote>');
    const forward = quoteForForward(original, (d) => d);
    expect(forward.html).toContain('Subject: &lt;b&gt;hi&lt;/b&gt;');
  });
});
