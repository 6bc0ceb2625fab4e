import 'server-only';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { readCaFile } from './tls.mjs';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** A host on this machine: where clear text may be allowed (passwords never cross a network). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase());
}

const envSchema = z
  .object({
    IMAP_HOST: z.string().min(1, 'IMAP_HOST is required (the IMAP server Wren signs users into)'),
    IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
    /** implicit (IMAPS, 993), starttls (required: a server that does not offer it is refused), none (loopback only). */
    IMAP_TLS: z.enum(['implicit', 'starttls', 'none']).default('implicit'),
    /**
     * A PEM file of CA certificates trusted for the IMAP server, besides Node's roots: for a
     * self-signed certificate or a private CA. Verification itself is never turned off.
     */
    IMAP_CA: z.string().min(1).optional(),
    /** Milliseconds without use after which a session's IMAP connection is logged out. */
    IMAP_IDLE_TIMEOUT: z.coerce.number().int().min(1000).default(10 * 60 * 1000),
    /** Pool cap: beyond it new connections answer 503 instead of exhausting the server. */
    IMAP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1000),
    /**
     * Connections Wren keeps for one user across all their sessions. Servers cap connections per
     * user (Dovecot: 10 per user and IP); the rest are left for the user's other mail clients.
     */
    IMAP_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(4),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters'),
    /** Seconds a sign-in lasts. */
    SESSION_TTL: z.coerce.number().int().min(60).default(7 * 24 * 3600),
    REDIS_URL: z.string().url().optional(),
    /** The SMTP server mail is sent through; by default the IMAP host. Authenticates with the user's IMAP credentials. */
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_TLS: z.enum(['implicit', 'starttls', 'none']).default('starttls'),
    /** Like IMAP_CA, for the SMTP server. */
    SMTP_CA: z.string().min(1).optional(),
    /**
     * ManageSieve (RFC 5804), for vacation replies and filters: by default the IMAP host, port
     * 4190. SIEVE_PORT=0: the server has none, and Wren offers no filters. TLS through STARTTLS
     * whenever the server offers it (trusting IMAP_CA); without it, only on a loopback host.
     */
    SIEVE_HOST: z.string().min(1).optional(),
    SIEVE_PORT: z.coerce.number().int().min(0).max(65535).default(4190),
    /** The domain of users who sign in with a bare name: "ann" sends as ann@MAIL_DOMAIN. */
    MAIL_DOMAIN: z.string().regex(/^[A-Za-z0-9.-]+$/, 'MAIL_DOMAIN must be a domain name').optional(),
    /** Largest total of attachments a message may carry (bytes); the SMTP server's SIZE may lower it. */
    MAX_ATTACHMENT_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
    /** Where uploaded attachments wait until sent without REDIS_URL; by default under the system temp dir. */
    UPLOAD_DIR: z.string().min(1).optional(),
    /**
     * With REDIS_URL, uploads wait in Redis (every Wren process reaches them): at most this many
     * bytes per session at once (by default twice MAX_ATTACHMENT_BYTES), for UPLOAD_TTL seconds.
     */
    UPLOAD_SESSION_MAX_BYTES: z.coerce.number().int().min(1024).optional(),
    UPLOAD_TTL: z.coerce.number().int().min(60).default(24 * 3600),
    /** Failed sign-ins allowed per username, and per client address, in SIGNIN_WINDOW seconds. */
    SIGNIN_MAX_FAILURES_PER_USER: z.coerce.number().int().min(1).default(10),
    SIGNIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
    SIGNIN_WINDOW: z.coerce.number().int().min(10).default(900),
    /**
     * Reverse proxies in front of Wren that append to X-Forwarded-For: the client's address is the
     * entry this many from the right. 1 for one nginx or Caddy (the default deployment).
     */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
    /** Threads that sanitize mail HTML off the main thread; 0 sanitizes inline (tests). */
    SANITIZE_WORKERS: z.coerce.number().int().min(0).max(64).default(Math.max(1, Math.min(4, availableParallelism() - 1))),
    /**
     * Bytes of opened messages (sanitized, as shown) kept in this process so a re-open skips the
     * body FETCH and the sanitizer (server/mail/message-cache.ts); 0 keeps none.
     */
    MESSAGE_CACHE_BYTES: z.coerce.number().int().min(0).default(32 * 1024 * 1024),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /**
     * Seconds the process that runs scheduled sends and snoozes holds that duty without renewing
     * it (every 2 s): a process killed outright is replaced by another within this.
     */
    SCHEDULER_LEASE: z.coerce.number().int().min(5).max(600).default(30),

    // Push notifications with no tab open (server/mail/push.ts, docs/DEPLOY.md). All three VAPID
    // settings or none: without them push is off and the Notifications settings say so.
    /** The VAPID public key: the 65-byte uncompressed P-256 point, base64url (npm run demo makes a pair). */
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}$/, 'VAPID_PUBLIC_KEY must be a base64url P-256 public key (87 characters)')
      .refine((key) => Buffer.from(key, 'base64url')[0] === 4, 'VAPID_PUBLIC_KEY must be an uncompressed P-256 point')
      .optional(),
    /** Its private key: the 32-byte scalar, base64url. A secret: never logged. */
    VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'VAPID_PRIVATE_KEY must be a base64url P-256 private key (43 characters)').optional(),
    /** Who push services may contact about Wren's pushes: a mailto: or https: URL. */
    VAPID_SUBJECT: z.string().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'VAPID_SUBJECT must be a mailto: or https: URL').optional(),
    /**
     * How Wren hears of new INBOX mail for subscribed users: dovecot (the mail server calls
     * PUT /api/push/dovecot on delivery: Dovecot's push_notification plugin, OX driver) or idle
     * (Wren IDLEs on INBOX for users whose session is live in this process). By default dovecot
     * when PUSH_DOVECOT_SECRET is set, idle otherwise.
     */
    PUSH_SOURCE: z.enum(['dovecot', 'idle']).optional(),
    /** The password Dovecot's push hook authenticates with (HTTP Basic, the URL's user:password). */
    PUSH_DOVECOT_SECRET: z.string().min(24, 'PUSH_DOVECOT_SECRET must be at least 24 characters').optional(),
    /** 1: the hook also answers a Dovecot on another host (still only with the secret); loopback only by default. */
    PUSH_DOVECOT_REMOTE: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((value) => value === '1' || value === 'true'),
    /** PUSH_SOURCE=idle: IMAP connections this process keeps IDLE on subscribed users' INBOX, at most. */
    PUSH_IDLE_MAX: z.coerce.number().int().min(0).default(100),

    // Operations: metrics and the access log (app/metrics/route.ts, server/http/access-log.ts).
    /** Bearer token that opens /metrics to a scraper that is not on loopback; without it, loopback only. */
    METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
    /** 1: one JSON line per API request (method, route pattern, status, ms, request id). */
    ACCESS_LOG: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((value) => value === '1' || value === 'true'),
  })
  .superRefine((env, ctx) => {
    for (const setting of ['IMAP_CA', 'SMTP_CA'] as const) {
      const file = env[setting];
      if (!file) continue;
      try {
        readCaFile(file, setting);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: [setting], message: (error as Error).message.replace(`${setting}: `, '') });
      }
    }
    const vapid = [env.VAPID_PUBLIC_KEY, env.VAPID_PRIVATE_KEY, env.VAPID_SUBJECT].filter(Boolean).length;
    if (vapid !== 0 && vapid !== 3) {
      ctx.addIssue({ code: 'custom', path: ['VAPID_PUBLIC_KEY'], message: 'set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT together (or none: push off)' });
    }
    if (env.PUSH_SOURCE === 'dovecot' && !env.PUSH_DOVECOT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['PUSH_DOVECOT_SECRET'], message: 'PUSH_SOURCE=dovecot needs PUSH_DOVECOT_SECRET (the password in Dovecot\'s push_notification_driver URL)' });
    }
    if (env.IMAP_TLS === 'none' && !LOOPBACK_HOSTS.has(env.IMAP_HOST.toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        path: ['IMAP_TLS'],
        message: 'IMAP_TLS=none is allowed only for a loopback IMAP_HOST (passwords would cross the network in clear)',
      });
    }
    if (env.SMTP_TLS === 'none' && !LOOPBACK_HOSTS.has((env.SMTP_HOST ?? env.IMAP_HOST).toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_TLS'],
        message: 'SMTP_TLS=none is allowed only for a loopback SMTP_HOST (passwords would cross the network in clear)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Parses an environment; throws one Error listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || 'env'}: ${issue.message}`);
  throw new Error(`Wren configuration is invalid:\n${problems.join('\n')}`);
}

let cached: Env | undefined;

/** The parsed configuration, read once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Forgets the parsed configuration, so the next env() reads process.env again. For tests that
 * try several settings in one process (e2e/api/tls.test.ts); Wren itself reads it once.
 */
export function resetEnv(): void {
  cached = undefined;
}
