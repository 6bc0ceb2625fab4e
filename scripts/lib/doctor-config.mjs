// The settings the doctor checks, read the way Wren reads them: the environment first, then
// .env.local and the other files Next loads in production (@next/env, as `next start` does),
// with the defaults of server/env.ts (e2e/api/doctor.test.ts checks that they agree).

const MODES = ['implicit', 'starttls', 'none'];
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * @param {Record<string, string | undefined>} source
 * @returns {{ problems: string[], imap: Target, smtp: Target, redisUrl?: string, user?: string, pass?: string }}
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
    imap: target('IMAP', host, 993, 'implicit'),
    smtp: target('SMTP', host, 587, 'starttls'),
    redisUrl: value('REDIS_URL'),
    user: value('DOCTOR_USER'),
    pass: value('DOCTOR_PASS'),
  };
}
