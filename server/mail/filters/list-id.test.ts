import { describe, expect, it } from 'vitest';
import { listIdOf } from './list-id';

describe('listIdOf', () => {
  it('the id in angle brackets, from a folded header; the bare value without brackets', () => {
    expect(listIdOf(Buffer.from('List-Id: "Dev list"\r\n <dev.lists.example.org>\r\n\r\n'))).toBe('dev.lists.example.org');
    expect(listIdOf('list-id: announce.example.com\r\n\r\n')).toBe('announce.example.com');
  });

  it('null without a List-Id, or with one that is empty or holds control characters', () => {
    expect(listIdOf(undefined)).toBeNull();
    expect(listIdOf('\r\n')).toBeNull();
    expect(listIdOf('List-Id: \r\n\r\n')).toBeNull();
    expect(listIdOf('List-Id: a\u0007b\r\n\r\n')).toBeNull();
  });
});
