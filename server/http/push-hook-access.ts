import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '../env';
import { AppError } from '../errors';
import { clientIp } from './client-ip';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Who may call the mail server's push hook (PUT /api/push/dovecot): only with HTTP Basic auth
 * whose password is PUSH_DOVECOT_SECRET (Dovecot sends the user:password of the driver's URL),
 * and only from loopback unless PUSH_DOVECOT_REMOTE is set (the client address as
 * TRUST_PROXY_HOPS reads it: behind nginx, the address nginx saw). Without the secret the hook
 * does not exist (404). It is exempt from the Origin check only because of this.
 */
export function assertPushHookAccess(req: Request): void {
  const config = env();
  const secret = config.PUSH_DOVECOT_SECRET;
  if (!secret) throw new AppError('not_found');
  if (!config.PUSH_DOVECOT_REMOTE) {
    const ip = clientIp(req);
    if (!ip || !LOOPBACK.test(ip)) throw new AppError('forbidden', { key: 'thePushHookAnswersLoopback' });
  }
  const auth = req.headers.get('authorization') ?? '';
  let password = '';
  if (auth.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    password = decoded.slice(decoded.indexOf(':') + 1);
  }
  // Compared as digests: equal lengths, so the time taken tells nothing of the secret's length.
  if (!password || !timingSafeEqual(digest(password), digest(secret))) throw new AppError('unauthorized', { key: 'wrongPushHookCredentials' });
}
