import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { processGlobal } from '../../process-global';
import { pinnedLookup, publicAddressToDial, REAL_NETWORK, type OutboundNetwork } from '../outbound';

/*
 * How Wren reaches push services. An endpoint comes from a browser, so it is a URL a user
 * chose: Wren posts to it only over https, only when every address its host resolves to is
 * public (as the image proxy does: the connection goes to the address checked, with no second
 * lookup), with a time limit, following no redirect. Real push services (FCM, Mozilla's
 * autopush, Apple's, Microsoft's) are all public https.
 */

const TIMEOUT_MS = 10_000;

/** What a push service answered. */
export interface PushServiceAnswer {
  status: number;
  /** Seconds it asked to wait (Retry-After), when it said. */
  retryAfter?: number;
}

/**
 * The network as the sender sees it. Tests replace it (usePushNetwork) to stand a public name in
 * front of a loopback push service over plain http: there is no public network here.
 */
export type PushNetwork = OutboundNetwork;

const override = () => processGlobal<{ net: PushNetwork | null }>('push-network', () => ({ net: null }));

/** Replaces the network push uses (tests); null puts the real one back. */
export function usePushNetwork(net: PushNetwork | null): void {
  override().net = net;
}

export const pushNetwork = (): PushNetwork => override().net ?? REAL_NETWORK;

/** Why an endpoint cannot be sent to (null when it can), in words for the user. */
export function endpointProblem(endpoint: string, net: PushNetwork = pushNetwork()): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'Not a push service address';
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && net.plainHttp)) return url.username || url.password ? 'A push service address has no user name' : null;
  return 'A push service is reached over https only';
}

/** POSTs one push request (headers and encrypted body from web-push) under the rules above. */
export async function postToPushService(endpoint: string, headers: Record<string, string | number>, body: Buffer, net: PushNetwork = pushNetwork()): Promise<PushServiceAnswer> {
  const problem = endpointProblem(endpoint, net);
  if (problem) throw new Error(problem);
  const url = new URL(endpoint);
  const address = await publicAddressToDial(url.hostname, net);
  if (address === 'unknown') throw new Error('push service host does not resolve');
  if (address === 'private') throw new Error('push service on a private network');
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
        lookup: pinnedLookup(address),
        timeout: TIMEOUT_MS,
      },
      (res) => {
        // The answer's body says nothing Wren acts on: drained, not read.
        res.resume();
        const retry = Number(res.headers['retry-after']);
        resolve({ status: res.statusCode ?? 0, retryAfter: Number.isFinite(retry) ? retry : undefined });
      },
    );
    req.on('timeout', () => req.destroy(new Error('push service timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
