import 'server-only';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses the image proxy must never connect to: anything that is not the public internet
 * (loopback, private, link-local, CGNAT, unique-local, multicast, reserved), including IPv4
 * written as IPv6 (::ffff:10.0.0.1), which BlockList matches against the IPv4 ranges too.
 */
const FORBIDDEN = new BlockList();
const V4: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const V6: Array<[string, number]> = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
];
for (const [net, prefix] of V4) FORBIDDEN.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of V6) FORBIDDEN.addSubnet(net, prefix, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (!family) return false;
  return !FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
