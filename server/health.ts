import 'server-only';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { env, type Env } from './env';
import { trustedCertificates } from './tls.mjs';

/*
 * Readiness: can this process reach what it needs? Each server is connected to and its greeting
 * read, with no credentials: IMAP `* OK` (or PREAUTH), SMTP `220`, Redis any answer to PING (an
 * error such as NOAUTH still proves it is there). Implicit TLS is negotiated and verified as a
 * sign-in would; for STARTTLS the plain greeting is enough.
 */

export type Dependency = 'imap' | 'smtp' | 'redis';

export interface ProbeResult {
  name: Dependency;
  ok: boolean;
  ms: number;
  /** Why it is down (a socket error code, a timeout, an unexpected greeting); never a secret. */
  error?: string;
}

const PROBE_TIMEOUT_MS = 3000;

interface Target {
  host: string;
  port: number;
  tls: boolean;
  /** A private CA to trust as well (IMAP_CA, SMTP_CA), as sign-in and sending do. */
  ca?: string[];
  /** What to send once connected (Redis speaks only when spoken to). */
  send?: string;
  /** Whether the first line proves the right server answered. */
  accept: (line: string) => boolean;
}

function probe(name: Dependency, target: Target): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let buffer = '';
    const onConnected = () => {
      if (target.send) socket.write(target.send);
    };
    const socket: Socket = target.tls
      ? connectTls({ host: target.host, port: target.port, servername: target.host, ca: target.ca, rejectUnauthorized: true }, onConnected)
      : connectTcp({ host: target.host, port: target.port }, onConnected);
    const finish = (error?: string) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.destroy();
      resolve({ name, ok: !error, ms: Math.round(performance.now() - started), ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => finish(`no answer within ${PROBE_TIMEOUT_MS} ms`), PROBE_TIMEOUT_MS);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end < 0 && buffer.length < 1024) return;
      const line = buffer.slice(0, end < 0 ? 1024 : end).trim();
      finish(target.accept(line) ? undefined : `unexpected greeting: ${line.slice(0, 80)}`);
    });
    socket.on('error', (error: Error & { code?: string }) => finish(error.code ?? error.message));
    socket.on('close', () => finish('closed without a greeting'));
  });
}

function redisTarget(url: string): Target {
  const parsed = new URL(url);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || 6379),
    tls: parsed.protocol === 'rediss:',
    send: 'PING\r\n',
    accept: (line) => /^[+-]/.test(line),
  };
}

export interface Readiness {
  ready: boolean;
  checks: ProbeResult[];
}

/** Probes IMAP, SMTP and (when configured) Redis at once. */
export async function checkReadiness(config: Env = env()): Promise<Readiness> {
  const probes = [
    probe('imap', {
      host: config.IMAP_HOST,
      port: config.IMAP_PORT,
      tls: config.IMAP_TLS === 'implicit',
      ca: trustedCertificates(config.IMAP_CA, 'IMAP_CA'),
      accept: (line) => /^\* (OK|PREAUTH)\b/i.test(line) }),
    probe('smtp', {
      host: config.SMTP_HOST ?? config.IMAP_HOST,
      port: config.SMTP_PORT,
      tls: config.SMTP_TLS === 'implicit',
      ca: trustedCertificates(config.SMTP_CA, 'SMTP_CA'),
      accept: (line) => /^220[ -]/.test(line) }),
  ];
  if (config.REDIS_URL) probes.push(probe('redis', redisTarget(config.REDIS_URL)));
  const checks = await Promise.all(probes);
  return { ready: checks.every((check) => check.ok), checks };
}
