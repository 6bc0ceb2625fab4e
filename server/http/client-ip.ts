import 'server-only';
import { isIP } from 'node:net';
import { env } from '../env';

/**
 * The client's address. Next sets X-Forwarded-For to the socket's peer when no proxy did;
 * behind TRUST_PROXY_HOPS proxies each appending to it, the client is that many entries from
 * the right (entries further left were written by the client and prove nothing).
 */
export function clientIp(req: Request, trustedHops: number = env().TRUST_PROXY_HOPS): string | undefined {
  const entries = (req.headers.get('x-forwarded-for') ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const candidate = entries[entries.length - Math.max(1, trustedHops)] ?? entries[0];
  const bare = candidate?.replace(/^::ffff:/, '');
  return bare && isIP(bare) ? bare : undefined;
}
