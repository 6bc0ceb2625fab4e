import { describe, expect, it } from 'vitest';
import { headerFields, parseListUnsubscribe, toUnsubscribeDto } from './list-unsubscribe';

const ONE_CLICK = 'List-Unsubscribe=One-Click';

describe('parseListUnsubscribe', () => {
  it('offers one-click for an https URI with List-Unsubscribe-Post, the mailto form and the link beside it', () => {
    const found = parseListUnsubscribe('<mailto:leave@list.example?subject=stop>, <https://list.example/u/1>', ONE_CLICK);
    expect(found.oneClick?.href).toBe('https://list.example/u/1');
    expect(found.mailto).toBe('mailto:leave@list.example?subject=stop');
    expect(toUnsubscribeDto(found)).toEqual({ method: 'one-click', host: 'list.example' });
  });

  it('takes no one-click without the Post field, over plain http, or with credentials in the URI', () => {
    expect(parseListUnsubscribe('<https://list.example/u/1>', undefined).oneClick).toBeNull();
    expect(parseListUnsubscribe('<https://list.example/u/1>', 'List-Unsubscribe=Maybe').oneClick).toBeNull();
    expect(parseListUnsubscribe('<http://list.example/u/1>', ONE_CLICK).oneClick).toBeNull();
    expect(parseListUnsubscribe('<http://list.example/u/1>', ONE_CLICK, true).oneClick?.href).toBe('http://list.example/u/1');
    expect(toUnsubscribeDto(parseListUnsubscribe('<https://me:pw@list.example/u/1>', ONE_CLICK))).toBeUndefined();
  });

  it('falls back to the mailto form, then the link; never another scheme', () => {
    expect(toUnsubscribeDto(parseListUnsubscribe('<https://list.example/u>, <mailto:off@list.example>', undefined))).toEqual({ method: 'mailto', href: 'mailto:off@list.example' });
    expect(toUnsubscribeDto(parseListUnsubscribe('<javascript:alert(1)>, <https://list.example/u>', undefined))).toEqual({ method: 'link', href: 'https://list.example/u' });
    expect(toUnsubscribeDto(parseListUnsubscribe('<javascript:alert(1)>, <data:text/html,x>, <ftp://x.example/>', ONE_CLICK))).toBeUndefined();
    expect(toUnsubscribeDto(parseListUnsubscribe('no brackets at all', undefined))).toBeUndefined();
    expect(toUnsubscribeDto(parseListUnsubscribe(undefined, undefined))).toBeUndefined();
  });
});

describe('headerFields', () => {
  it('joins folded lines, lower-cases names and keeps the first of a repeated field', () => {
    const fields = headerFields('List-Unsubscribe: <mailto:a@x.example>,\r\n <https://x.example/u>\r\nLIST-UNSUBSCRIBE-POST: List-Unsubscribe=One-Click\r\nList-Unsubscribe: <https://forged.example/>\r\n\r\n');
    expect(fields.get('list-unsubscribe')).toBe('<mailto:a@x.example>, <https://x.example/u>');
    expect(fields.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });
});
