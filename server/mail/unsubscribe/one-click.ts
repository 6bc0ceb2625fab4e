import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { AppError } from '../../errors';
import { processGlobal } from '../../process-global';
import { pinnedLookup, publicAddressToDial, REAL_NETWORK, type OutboundNetwork } from '../outbound';

/*
 * The one-click POST (RFC 8058), made by Wren's server under the image proxy's rules: the host is
 * resolved and refused unless every address is public (html/public-address.ts), the connection
 * goes to the address checked (no second lookup to rebind), a time limit, no redirect followed
 * (a 3xx answer counts as done: the sender took the request), nothing of the answer read, no
 * cookie, no credential. The URI comes from the message's header, read again by the server at
 * the time of the POST: never from the browser.
 */

const TIMEOUT_MS = 10_000;

/**
 * How the POST reaches the network. Tests replace it (useUnsubscribeNetwork) to stand a public
 * name in front of a loopback server over plain http: there is no public network here.
 */
export type UnsubscribeNetwork = OutboundNetwork;

const override = () => processGlobal<{ net: UnsubscribeNetwork | null }>('unsubscribe-network', () => ({ net: null }));

/** Replaces the network the one-click POST uses (tests); null puts the real one back. */
export function useUnsubscribeNetwork(net: UnsubscribeNetwork | null): void {
  override().net = net;
}

export const unsubscribeNetwork = (): UnsubscribeNetwork => override().net ?? REAL_NETWORK;

/** POSTs `List-Unsubscribe=One-Click` to `url` under the rules above; throws a clear AppError on refusal or failure. */
export async function postOneClick(url: URL, net: UnsubscribeNetwork = unsubscribeNetwork()): Promise<void> {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && net.plainHttp)) throw new AppError('forbidden', { key: 'unsubscribeHttpsOnly' });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const address = await publicAddressToDial(host, net);
  if (address === 'unknown') throw new AppError('not_found', { key: 'unsubscribeHostUnknown', values: { host } });
  if (address === 'private') throw new AppError('forbidden', { key: 'unsubscribePrivateAddress', values: { host } });
  const body = 'List-Unsubscribe=One-Click';
  const client = url.protocol === 'https:' ? https : http;
  const status = await new Promise<number>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Wren one-click unsubscribe' },
        lookup: pinnedLookup(address),
        timeout: TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy(new AppError('imap_unavailable', { key: 'unsubscribeNoAnswer', values: { host } })));
    req.on('error', (error) => reject(error instanceof AppError ? error : new AppError('not_found', { key: 'unsubscribeNoAnswer', values: { host } })));
    req.end(body);
  });
  if (status < 200 || status >= 400) throw new AppError('bad_request', { key: 'unsubscribeRefused', values: { host, status } });
}
