import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './public-address';

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, CGNAT, unique-local, IPv4-mapped and reserved', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1', 'not-an-ip']) {
      expect([ip, isPublicAddress(ip)]).toEqual([ip, false]);
    }
  });

  it('allows the public internet', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700::1111']) expect([ip, isPublicAddress(ip)]).toEqual([ip, true]);
  });
});
