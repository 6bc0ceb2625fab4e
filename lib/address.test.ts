import { describe, expect, it } from 'vitest';
import { isValidAddress } from './address';
import { addressSchema } from './compose';

describe('isValidAddress', () => {
  const cases = [
    { name: '', address: 'ann@x.org' },
    { name: 'Ann Lee', address: 'ann.lee+tag@mail.example.co.uk' },
    { address: 'no-name@x.org' },
    { name: '', address: 'ann@x' },
    { name: '', address: 'ann@' },
    { name: '', address: 'ann x@x.org' },
    { name: '', address: '<ann@x.org>' },
    { name: '', address: 'a"b@x.org' },
    { name: '', address: 'a@b@x.org' },
    { name: 'Ann\r\nBcc: eve@evil.example', address: 'ann@x.org' },
    { name: 'Nul\0', address: 'ann@x.org' },
    { name: 'n'.repeat(200), address: 'ann@x.org' },
    { name: 'n'.repeat(201), address: 'ann@x.org' },
    { name: '', address: `${'a'.repeat(312)}@x.org` },
    { name: '', address: `${'a'.repeat(315)}@x.org` },
    { name: 'Ünïcødé 日本', address: 'ü@bücher.example' },
    { name: '', address: '' },
  ];

  it('accepts exactly what addressSchema accepts (the server checks with the schema)', () => {
    for (const a of cases) expect([a, isValidAddress(a)]).toEqual([a, addressSchema.safeParse(a).success]);
  });

  it('refuses line breaks in the name and malformed addresses', () => {
    expect(isValidAddress({ name: 'Ann', address: 'ann@x.org' })).toBe(true);
    expect(isValidAddress({ name: 'A\nB', address: 'ann@x.org' })).toBe(false);
    expect(isValidAddress({ name: '', address: 'ann@x' })).toBe(false);
  });
});
