import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { env } from '../env';
import { clientIp } from './client-ip';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;

/**
 * Whether a request may read /metrics: one bearing `Authorization: Bearer $METRICS_TOKEN`, or one
 * from loopback (the client address as TRUST_PROXY_HOPS reads it: behind nginx, the address
 * nginx saw). Wren exposed without a proxy cannot tell a forged X-Forwarded-For: set the token.
 */
export function mayReadMetrics(req: Request, token: string | undefined = env().METRICS_TOKEN): boolean {
  const auth = req.headers.get('authorization') ?? '';
  if (token && auth.startsWith('Bearer ')) {
    const given = Buffer.from(auth.slice(7));
    const wanted = Buffer.from(token);
    if (given.length === wanted.length && timingSafeEqual(given, wanted)) return true;
  }
  const ip = clientIp(req);
  return ip !== undefined && LOOPBACK.test(ip);
}
