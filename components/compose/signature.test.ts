import { describe, expect, it } from 'vitest';
import { signatureBlock, withSignature } from './signature';

const support = { id: 's', name: 'Support', address: 'support@example.com', signatureHtml: '<p><b>Support</b></p>' };
const plain = { id: 'p', name: 'Me', address: 'me@example.com', signatureText: '-- \nMe & co' };
const none = { id: 'n', name: '', address: 'x@example.com' };
const REPLY = '<p></p><p>On 1 Jan, Ann wrote:</p><blockquote><p>Hi</p></blockquote>';

describe('the signature of a compose', () => {
  it('a marked block: rich HTML as it is, text as escaped paragraphs, empty for a sender without one', () => {
    expect(signatureBlock(support)).toBe('<div data-wren-signature=""><p><b>Support</b></p></div>');
    expect(signatureBlock(plain)).toBe('<div data-wren-signature=""><p>-- <br>Me &amp; co</p></div>');
    expect(signatureBlock(none)).toBe('<div data-wren-signature=""></div>');
  });

  it('a new message: under its first line (or what a mailto: link put there)', () => {
    expect(withSignature('', support, 'below', false)).toBe('<p></p><div data-wren-signature=""><p><b>Support</b></p></div>');
    expect(withSignature('<p>From the link</p>', none, 'above', false)).toBe('<p>From the link</p><div data-wren-signature=""></div>');
  });

  it('a reply or forward: between the first line and the quote (above), or under the quote (below)', () => {
    expect(withSignature(REPLY, support, 'above', true)).toBe(`<p></p><div data-wren-signature=""><p><b>Support</b></p></div>${REPLY.slice('<p></p>'.length)}`);
    expect(withSignature(REPLY, support, 'below', true)).toBe(`${REPLY}<div data-wren-signature=""><p><b>Support</b></p></div>`);
  });
});
