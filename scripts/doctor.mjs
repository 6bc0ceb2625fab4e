#!/usr/bin/env node
// npm run doctor: checks Wren's configuration against the real servers. Connects to IMAP and
// SMTP (and Redis when REDIS_URL is set), shows the TLS details (protocol, cipher, certificate,
// whether it verified and why not) and the capabilities, and says what Wren does without each
// one the server lacks. Logs in only when DOCTOR_USER and DOCTOR_PASS are set (IMAP servers
// announce most capabilities only after login). Exits 1 when IMAP, SMTP or Redis cannot be
// reached or verified.
import nextEnv from '@next/env';
import { createClient } from '@redis/client';
import { ImapFlow } from 'imapflow';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { imapClientOptions } from '../server/imap/client-options.mjs';
import { smtpConnectionOptions } from '../server/send/outgoing/smtp-options.mjs';
import { describeTlsFailure, trustedCertificates } from '../server/tls.mjs';
import { readConfig } from './lib/doctor-config.mjs';
import { IMAP_NOTES, SMTP_NOTES, missing } from './lib/doctor-notes.mjs';
import { probeImap, probeSieve, probeSmtp } from './lib/doctor-wire.mjs';

nextEnv.loadEnvConfig(process.cwd(), false, { info: () => undefined, error: console.error });
const config = readConfig(process.env);
let failures = 0;
/** The IMAP capabilities after login, when the doctor logged in (push needs METADATA). */
let loggedInCaps = null;

const say = (line = '') => console.log(line);
const item = (label, text) => say(`  ${label.padEnd(13)}${text}`);
const fail = (text) => {
  failures++;
  say(`  FAIL         ${text}`);
};
const wrap = (words, indent) => {
  const lines = [''];
  for (const word of words) {
    if (lines.at(-1).length + word.length > 90) lines.push('');
    lines[lines.length - 1] += `${lines.at(-1) ? ' ' : ''}${word}`;
  }
  return lines.join(`\n${' '.repeat(indent)}`);
};

function daysLeft(validTo) {
  return Math.floor((new Date(validTo).getTime() - Date.now()) / 86_400_000);
}

/** Prints the TLS details; fails with Wren's own message when the certificate did not verify. */
function reportTls(service, target, tlsInfo) {
  if (!tlsInfo) return;
  item('TLS', `${tlsInfo.protocol}, ${tlsInfo.cipher}`);
  const cert = tlsInfo.certificate;
  if (cert) {
    item('certificate', cert.subject);
    item('issued by', cert.issuer);
    const left = daysLeft(cert.validTo);
    item('valid', `${cert.validFrom} to ${cert.validTo} (${left < 0 ? `expired ${-left} days ago` : `${left} days left`})`);
    item('names', cert.names.replace(/(DNS|IP Address):/g, '') || '(none)');
  }
  const trust = target.caFile ? `Node's roots and ${service}_CA (${target.caFile})` : `Node's roots (${service}_CA not set)`;
  if (tlsInfo.authorized) return item('verified', `yes, against ${trust}`);
  const failure = describeTlsFailure({ code: tlsInfo.authorizationError, host: target.host, cert: { subjectaltname: cert?.names } }, service);
  item('verified', `NO: ${tlsInfo.authorizationError}, against ${trust}`);
  fail(failure?.message ?? `the certificate did not verify (${tlsInfo.authorizationError})`);
}

function reportMissing(notes, have) {
  const lacking = missing(notes, have);
  if (!lacking.length) return item('missing', 'nothing Wren uses');
  say('  without:');
  for (const [cap, note] of lacking) say(`    ${cap.padEnd(19)}${wrap(note.split(' '), 23)}`);
}

function trusted(service, target) {
  try {
    return { ca: trustedCertificates(target.caFile, `${service}_CA`) };
  } catch (error) {
    fail(error.message);
    return null;
  }
}

function unreachable(service, target, error) {
  const tls = describeTlsFailure(error, service);
  fail(tls?.message ?? `cannot connect to ${target.host}:${target.port} (${error.code ?? error.message})`);
}

async function checkImap() {
  const target = config.imap;
  say(`IMAP  ${target.host}:${target.port}  IMAP_TLS=${target.mode}`);
  const trust = trusted('IMAP', target);
  if (!trust) return;
  let probe;
  try {
    probe = await probeImap({ ...target, ...trust });
  } catch (error) {
    return unreachable('IMAP', target, error);
  }
  if (target.mode === 'none') item('TLS', 'none: clear text (allowed for a loopback IMAP_HOST only)');
  reportTls('IMAP', target, probe.tls);
  if (probe.starttlsOffered === false) return unreachable('IMAP', target, Object.assign(new Error('Server does not support STARTTLS'), { tlsFailed: true }));
  if (probe.tls && !probe.tls.authorized) return;
  item('before login', wrap(probe.capabilities, 15));
  if (!config.user || !config.pass) {
    // Most servers (Dovecot among them) announce MOVE, QRESYNC and the rest only after login:
    // what is missing before it says nothing.
    item('after login', 'not checked: set DOCTOR_USER and DOCTOR_PASS to log in and see what Wren would do without');
    return;
  }
  const client = new ImapFlow(imapClientOptions({ host: target.host, port: target.port, tls: target.mode, auth: { user: config.user, pass: config.pass }, ...trust }));
  client.on('error', () => undefined);
  try {
    await client.connect();
    const caps = [...client.capabilities.keys()];
    item('login', `ok as ${config.user}`);
    loggedInCaps = caps;
    item('after login', wrap(caps, 15));
    if (client.enabled.size) item('enabled', [...client.enabled].join(' '));
    reportMissing(IMAP_NOTES, caps);
    await client.logout();
  } catch (error) {
    if (error.authenticationFailed) fail(`login as ${config.user} refused: wrong DOCTOR_USER or DOCTOR_PASS?`);
    else unreachable('IMAP', target, error);
    client.close();
  }
}

async function checkSmtp() {
  const target = config.smtp;
  say(`SMTP  ${target.host}:${target.port}  SMTP_TLS=${target.mode}`);
  const trust = trusted('SMTP', target);
  if (!trust) return;
  let probe;
  try {
    probe = await probeSmtp({ ...target, ...trust });
  } catch (error) {
    return unreachable('SMTP', target, error);
  }
  if (target.mode === 'none') item('TLS', 'none: clear text (allowed for a loopback SMTP_HOST only)');
  reportTls('SMTP', target, probe.tls);
  if (probe.starttlsOffered === false) return unreachable('SMTP', target, { code: 'ETLS', message: 'STARTTLS not offered' });
  if (probe.tls && !probe.tls.authorized) return;
  item('greeting', probe.greeting);
  item('extensions', wrap(probe.extensions, 15));
  reportMissing(SMTP_NOTES, probe.extensions);
  if (!config.user || !config.pass) return;
  const conn = new SMTPConnection(smtpConnectionOptions({ host: target.host, port: target.port, tls: target.mode, ...trust }));
  conn.on('error', () => undefined);
  try {
    await new Promise((resolve, reject) => {
      conn.once('error', reject);
      conn.connect(() => conn.login({ user: config.user, pass: config.pass }, (err) => (err ? reject(err) : resolve())));
    });
    item('login', `ok as ${config.user}`);
  } catch (error) {
    if (error.code === 'EAUTH') fail(`login as ${config.user} refused: wrong DOCTOR_USER or DOCTOR_PASS?`);
    else unreachable('SMTP', target, error);
  } finally {
    conn.close();
  }
}

async function checkRedis() {
  if (!config.redisUrl) return say('Redis  not used (REDIS_URL not set): sessions are kept in this process’s memory');
  say(`Redis  ${config.redisUrl.replace(/\/\/[^@/]*@/, '//***@')}`);
  const client = createClient({ url: config.redisUrl, socket: { connectTimeout: 5000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    const version = /redis_version:(\S+)/.exec(await client.info('server'))?.[1];
    item('reachable', `yes${version ? `, Redis ${version}` : ''}`);
    await client.quit();
  } catch (error) {
    fail(`cannot reach Redis (${error.code ?? error.message})`);
    await client.disconnect().catch(() => undefined);
  }
}

/** ManageSieve: vacation and filters are offered only where Wren reaches it. */
async function checkSieve() {
  const { host, port, explicit } = config.sieve;
  if (port === 0) return say('ManageSieve  off (SIEVE_PORT=0): Settings says vacation replies and filters are not available');
  say(`ManageSieve  ${host}:${port}`);
  let probe;
  try {
    probe = await probeSieve({ host, port });
  } catch (error) {
    const why = `cannot reach it (${error.code ?? error.message}): Settings hides vacation replies and filters and says why`;
    // The default port with nothing there is a server without ManageSieve, not a mistake.
    if (explicit) return fail(`${why}. Check SIEVE_HOST and SIEVE_PORT`);
    return item('reachable', `no, ${why}. Set SIEVE_PORT=0 to say the server has none, or SIEVE_HOST/SIEVE_PORT where it listens`);
  }
  if (!probe.ok) return fail('the server refused the connection in its greeting');
  item('server', probe.implementation ?? 'unnamed');
  item('extensions', wrap(probe.extensions, 15));
  const needed = ['fileinto', 'vacation', 'imap4flags'].filter((x) => !probe.extensions.includes(x));
  if (needed.length) fail(`the server's Sieve lacks ${needed.join(', ')}: Wren's filters and vacation reply need them`);
  const loopback = ['localhost', '127.0.0.1', '::1'].includes(host.toLowerCase());
  if (probe.starttls) item('STARTTLS', 'offered: Wren uses it (trusting IMAP_CA)');
  else if (!loopback) fail('no STARTTLS: Wren will not send passwords to a ManageSieve server off loopback in clear text');
  else item('STARTTLS', 'not offered (loopback: allowed)');
}

/** Push notifications: off, or which source tells Wren of new mail, and what that source needs. */
function checkPush() {
  const push = config.push;
  if (!push.enabled) {
    say('Push  off (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT not set): the Notifications settings say so');
    item('keys', 'node scripts/lib/push-keys.mjs prints a new pair (npm run demo makes one for the demo)');
    return;
  }
  say(`Push  on, VAPID subject ${push.subject}`);
  if (push.source === 'dovecot') {
    item('source', wrap("the mail server (PUSH_SOURCE=dovecot): Dovecot's push_notification plugin calls PUT /api/push/dovecot on each delivery to INBOX".split(' '), 15));
    item('hook', `HTTP Basic auth with PUSH_DOVECOT_SECRET, ${push.remote ? 'from any address (PUSH_DOVECOT_REMOTE=1)' : 'from loopback only'}`);
    item('dovecot', wrap('mail_plugins = $mail_plugins notify push_notification (protocol lmtp), push_notification_driver = ox:url=http://wren:<PUSH_DOVECOT_SECRET>@<wren>/api/push/dovecot user_from_metadata, imap_metadata = yes (docs/DEPLOY.md)'.split(' '), 15));
    if (!loggedInCaps) item('METADATA', 'not checked: set DOCTOR_USER and DOCTOR_PASS (the hook is switched on per user in a METADATA entry)');
    else if (missing([['METADATA', '']], loggedInCaps).length && missing([['METADATA-SERVER', '']], loggedInCaps).length) {
      fail('the IMAP server lacks METADATA: Dovecot\'s hook cannot be switched on per user. Set PUSH_SOURCE=idle, or imap_metadata = yes in Dovecot');
    } else item('METADATA', 'yes: Wren sets the entry that switches the hook on for a user with devices');
    return;
  }
  item('source', wrap(`Wren's own IDLE watch on INBOX (PUSH_SOURCE=idle), at most ${push.idleMax} connections per process (PUSH_IDLE_MAX)`.split(' '), 15));
  item('limit', wrap("Wren keeps no password it can use on its own: a user's INBOX is watched only while this process holds a live sign-in of theirs. After a restart, or once their sign-ins ended, mail brings no notification until they next open Wren. PUSH_SOURCE=dovecot has no such limit".split(' '), 15));
}

say('Wren doctor: the configuration from the environment and .env.local, against the real servers');
say();
if (config.problems.length) {
  for (const problem of config.problems) fail(problem);
} else {
  await checkImap();
  say();
  await checkSmtp();
  say();
  await checkSieve();
  say();
  await checkRedis();
  say();
  checkPush();
}
say();
say(failures ? `${failures} problem${failures > 1 ? 's' : ''} found` : 'All checks passed');
process.exitCode = failures ? 1 : 0;
