// The settings the doctor checks, read the way Wren reads them: the environment first, then
// .env.local and the other files Next loads in production (@next/env, as `next start` does),
// with the defaults of server/env.ts (e2e/api/doctor.test.ts checks that they agree).

const MODES = ['implicit', 'starttls', 'none'];
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * @param {Record<string, string | undefined>} source
 * @returns {{ problems: string[], push: Push, imap: Target, smtp: Target, sieve: { host: string, port: number, explicit: boolean }, redisUrl?: string, user?: string, pass?: string }}
 * @typedef {{ host: string, port: number, mode: 'implicit' | 'starttls' | 'none', caFile?: string }} Target
 */
export function readConfig(source) {
  const value = (name) => (source[name] === undefined || source[name] === '' ? undefined : source[name]);
  const problems = [];
  const host = value('IMAP_HOST') ?? '';
  if (!host) problems.push('IMAP_HOST is not set (the IMAP server Wren signs users into)');
  const target = (prefix, fallbackHost, defaultPort, defaultMode) => {
    const port = Number(value(`${prefix}_PORT`) ?? defaultPort);
    if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`${prefix}_PORT must be a port number`);
    const mode = value(`${prefix}_TLS`) ?? defaultMode;
    if (!MODES.includes(mode)) problems.push(`${prefix}_TLS must be one of ${MODES.join(', ')}`);
    const targetHost = value(`${prefix}_HOST`) ?? fallbackHost;
    if (mode === 'none' && targetHost && !LOOPBACK_HOSTS.has(targetHost.toLowerCase())) {
      problems.push(`${prefix}_TLS=none is allowed only for a loopback ${prefix}_HOST (passwords would cross the network in clear)`);
    }
    return { host: targetHost, port, mode, caFile: value(`${prefix}_CA`) };
  };
  return {
    problems,
    push: readPush(value, problems),
    imap: target('IMAP', host, 993, 'implicit'),
    smtp: target('SMTP', host, 587, 'starttls'),
    // ManageSieve (vacation and filters): SIEVE_PORT=0 means the server has none.
    sieve: { host: value('SIEVE_HOST') ?? host, port: Number(value('SIEVE_PORT') ?? 4190), explicit: value('SIEVE_PORT') !== undefined },
    redisUrl: value('REDIS_URL'),
    user: value('DOCTOR_USER'),
    pass: value('DOCTOR_PASS'),
  };
}

/**
 * Push notifications (server/env.ts, server/mail/push/config.ts): off without the three VAPID
 * settings; the source is dovecot by default when PUSH_DOVECOT_SECRET is set, idle otherwise.
 * @typedef {{ enabled: boolean, subject?: string, source: 'dovecot' | 'idle' | null, secret: boolean, remote: boolean, idleMax: number }} Push
 */
function readPush(value, problems) {
  const vapid = ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'].filter((name) => value(name));
  if (vapid.length && vapid.length < 3) problems.push('set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT together (or none: push off)');
  const secret = !!value('PUSH_DOVECOT_SECRET');
  const explicit = value('PUSH_SOURCE');
  if (explicit && explicit !== 'dovecot' && explicit !== 'idle') problems.push('PUSH_SOURCE must be dovecot or idle');
  if (explicit === 'dovecot' && !secret) problems.push("PUSH_SOURCE=dovecot needs PUSH_DOVECOT_SECRET (the password in Dovecot's push_notification_driver URL)");
  const enabled = vapid.length === 3;
  return {
    enabled,
    subject: value('VAPID_SUBJECT'),
    source: enabled ? (explicit ?? (secret ? 'dovecot' : 'idle')) : null,
    secret,
    remote: ['1', 'true'].includes(value('PUSH_DOVECOT_REMOTE') ?? '0'),
    idleMax: Number(value('PUSH_IDLE_MAX') ?? 100),
  };
}
