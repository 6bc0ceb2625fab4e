import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

const req = (xff?: string) => new Request('http://wren.test/', { headers: xff ? { 'x-forwarded-for': xff } : {} });

const clientIp1 = (r: Request) => clientIp(r, 1);

describe('clientIp (one trusted proxy)', () => {
  it('takes the entry the proxy appended, not what the client wrote', () => {
    expect(clientIp1(req('6.6.6.6, 203.0.113.7'))).toBe('203.0.113.7');
    expect(clientIp1(req('203.0.113.7'))).toBe('203.0.113.7');
    expect(clientIp1(req('::ffff:127.0.0.1'))).toBe('127.0.0.1');
  });

  it('no address, or not an address: unknown', () => {
    expect(clientIp1(req())).toBeUndefined();
    expect(clientIp1(req('not-an-address'))).toBeUndefined();
  });
});
