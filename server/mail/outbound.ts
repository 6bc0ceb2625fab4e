import 'server-only';
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPublicAddress } from './html/public-address';

/*
 * The rules of every request Wren's server makes to a host a message or a browser named (the
 * image proxy, push services, one-click unsubscribe): the host is resolved and refused unless
 * every address is public (html/public-address.ts), and the connection goes to the address
 * checked, with no second lookup that DNS rebinding could answer differently.
 */

/**
 * How such a request reaches the network. Tests replace it to stand a public name in front of a
 * loopback server (there is no public network here); Wren itself always uses REAL_NETWORK.
 */
export interface OutboundNetwork {
  /** Every address a host name resolves to. */
  resolve(hostname: string): Promise<LookupAddress[]>;
  /** The address actually dialled for one that passed the check (the same one, in Wren). */
  dial(checked: LookupAddress): LookupAddress;
  /** Whether http: URLs are taken (tests only). */
  plainHttp?: boolean;
}

export const REAL_NETWORK: OutboundNetwork = {
  resolve: (hostname) => lookup(hostname, { all: true, verbatim: true }),
  dial: (checked) => checked,
  plainHttp: false,
};

/** The address to dial for `host` when every address it resolves to is public; 'unknown' when it does not resolve, 'private' otherwise. */
export async function publicAddressToDial(host: string, net: OutboundNetwork): Promise<LookupAddress | 'unknown' | 'private'> {
  let addresses: LookupAddress[];
  try {
    addresses = await net.resolve(host.replace(/^\[|\]$/g, ''));
  } catch {
    return 'unknown';
  }
  if (!addresses.length || addresses.some((a) => !isPublicAddress(a.address))) return 'private';
  return net.dial(addresses[0]);
}

/** Node's `lookup` option answering only `address`: the request connects to what was checked. */
export function pinnedLookup(address: LookupAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    options?.all ? callback(null, [address]) : callback(null, address.address, address.family)) as unknown as LookupFunction;
}
