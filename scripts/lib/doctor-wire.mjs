// The doctor's own look at a mail server before any login: the greeting, the capabilities, the
// STARTTLS upgrade and the TLS handshake, spoken directly so that every step can be reported.
//
// The handshake is made with rejectUnauthorized: false, and only so: a certificate Wren would
// refuse is still read and shown (who issued it, until when, for which names) next to Node's own
// verdict (authorized, authorizationError). Nothing is sent over a connection whose certificate
// did not verify: the doctor reads the certificate and hangs up. Wren itself has no such mode.
import net from 'node:net';
import tls from 'node:tls';

const TIMEOUT_MS = 10_000;

/** Reads CRLF lines from a socket; `until(test)` resolves with the lines up to the first that passes. */
function lineReader(socket) {
  let buffer = '';
  let lines = [];
  let waiter = null;
  const check = () => {
    if (!waiter) return;
    const at = lines.findIndex(waiter.test);
    if (at < 0) return;
    const { resolve } = waiter;
    waiter = null;
    resolve(lines.splice(0, at + 1));
  };
  const onData = (chunk) => {
    buffer += chunk.toString('latin1');
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, end).replace(/\r$/, ''));
      buffer = buffer.slice(end + 1);
    }
    check();
  };
  const fail = (error) => {
    if (!waiter) return;
    const { reject } = waiter;
    waiter = null;
    reject(error);
  };
  const onClose = () => fail(new Error('the server closed the connection'));
  socket.on('data', onData);
  socket.on('error', fail);
  socket.on('close', onClose);
  return {
    until(test) {
      return new Promise((resolve, reject) => {
        waiter = { test, resolve, reject };
        check();
      });
    },
    detach() {
      socket.off('data', onData);
      socket.off('error', fail);
      socket.off('close', onClose);
      lines = [];
      buffer = '';
    },
  };
}

const isIp = (host) => net.isIP(host) !== 0;

function withTimeout(promise, socket, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`no answer within ${TIMEOUT_MS / 1000} s (${what})`), { code: 'ETIMEDOUT' }));
    }, TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function connectPlain(host, port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** TLS on `socket` (STARTTLS) or a new connection; resolves once the handshake is done, verified or not. */
function handshake({ host, port, ca, socket }) {
  return new Promise((resolve, reject) => {
    const options = { host, port, socket, ca, rejectUnauthorized: false, ...(isIp(host) ? {} : { servername: host }) };
    const secure = tls.connect(options, () => resolve(secure));
    secure.once('error', reject);
  });
}

/** What the handshake showed: protocol, cipher, certificate, and whether Node verified it. */
function describeTls(secure) {
  const cert = secure.getPeerCertificate();
  const name = (dn) => (dn ? Object.entries(dn).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`).join(', ') : '');
  return {
    protocol: secure.getProtocol(),
    cipher: secure.getCipher()?.name,
    certificate: cert && cert.subject
      ? { subject: name(cert.subject), issuer: name(cert.issuer), validFrom: cert.valid_from, validTo: cert.valid_to, names: cert.subjectaltname ?? '', fingerprint: cert.fingerprint256 }
      : null,
    authorized: secure.authorized,
    authorizationError: secure.authorized ? null : String(secure.authorizationError ?? 'unknown'),
  };
}

const imapCaps = (lines) => {
  const line = lines.find((l) => /^\* CAPABILITY /i.test(l)) ?? lines.map((l) => l.match(/\[CAPABILITY ([^\]]*)\]/i)?.[0]).find(Boolean);
  if (!line) return [];
  return line.replace(/^\* CAPABILITY /i, '').replace(/^\[CAPABILITY /i, '').replace(/\]$/, '').split(/\s+/).filter(Boolean);
};

/**
 * IMAP before login: greeting, CAPABILITY, STARTTLS (mode starttls) or TLS from the first byte
 * (implicit), CAPABILITY again over a verified TLS. Never logs in.
 */
export async function probeImap({ host, port, mode, ca }) {
  const result = { tls: null, capabilities: [], starttlsOffered: null };
  let socket = mode === 'implicit' ? await handshake({ host, port, ca }) : await connectPlain(host, port);
  try {
    let reader = lineReader(socket);
    const run = async (tag, command) => {
      socket.write(`${tag} ${command}\r\n`);
      return withTimeout(reader.until((l) => l.startsWith(`${tag} `)), socket, command);
    };
    if (mode === 'implicit') result.tls = describeTls(socket);
    if (result.tls && !result.tls.authorized) return result;
    const greeting = await withTimeout(reader.until((l) => /^\* (OK|PREAUTH|BYE)/i.test(l)), socket, 'greeting');
    result.capabilities = imapCaps(greeting);
    if (!result.capabilities.length) result.capabilities = imapCaps(await run('d1', 'CAPABILITY'));
    if (mode === 'starttls') {
      result.starttlsOffered = result.capabilities.includes('STARTTLS');
      if (!result.starttlsOffered) return result;
      const answer = await run('d2', 'STARTTLS');
      if (!/^d2 OK/i.test(answer.at(-1))) return { ...result, starttlsOffered: false };
      reader.detach();
      socket = await handshake({ host, port, ca, socket });
      result.tls = describeTls(socket);
      if (!result.tls.authorized) return result;
      reader = lineReader(socket);
      result.capabilities = imapCaps(await run('d3', 'CAPABILITY'));
    }
    await run('d9', 'LOGOUT').catch(() => undefined);
    return result;
  } finally {
    socket.destroy();
  }
}

/** SMTP before login: greeting, EHLO, STARTTLS or implicit TLS, EHLO again over a verified TLS. Never logs in. */
export async function probeSmtp({ host, port, mode, ca }) {
  const result = { tls: null, extensions: [], starttlsOffered: null, greeting: '' };
  let socket = mode === 'implicit' ? await handshake({ host, port, ca }) : await connectPlain(host, port);
  try {
    let reader = lineReader(socket);
    const final = (l) => /^\d{3}( |$)/.test(l);
    const say = async (command) => {
      socket.write(`${command}\r\n`);
      return withTimeout(reader.until(final), socket, command);
    };
    const ehlo = async () => (await say('EHLO wren-doctor')).slice(1).map((l) => l.slice(4).trim()).filter(Boolean);
    if (mode === 'implicit') result.tls = describeTls(socket);
    if (result.tls && !result.tls.authorized) return result;
    result.greeting = (await withTimeout(reader.until(final), socket, 'greeting')).at(-1) ?? '';
    result.extensions = await ehlo();
    if (mode === 'starttls') {
      result.starttlsOffered = result.extensions.some((e) => e.toUpperCase() === 'STARTTLS');
      if (!result.starttlsOffered) return result;
      const answer = await say('STARTTLS');
      if (!/^220/.test(answer.at(-1))) return { ...result, starttlsOffered: false };
      reader.detach();
      socket = await handshake({ host, port, ca, socket });
      result.tls = describeTls(socket);
      if (!result.tls.authorized) return result;
      reader = lineReader(socket);
      result.extensions = await ehlo();
    }
    await say('QUIT').catch(() => undefined);
    return result;
  } finally {
    socket.destroy();
  }
}

/**
 * ManageSieve (RFC 5804) before login: the greeting's capabilities, one per line
 * (`"IMPLEMENTATION" "Dovecot Pigeonhole"`, `"SIEVE" "fileinto vacation …"`, `"STARTTLS"`), up to
 * its OK. Never logs in, never starts TLS (Wren does, whenever it is offered).
 */
export async function probeSieve({ host, port }) {
  const socket = await withTimeout(connectPlain(host, port), { destroy: () => undefined }, 'connect');
  try {
    const reader = lineReader(socket);
    const lines = await withTimeout(reader.until((l) => /^(OK|NO|BYE)\b/i.test(l)), socket, 'greeting');
    const caps = new Map();
    for (const line of lines) {
      const m = /^"([^"]+)"(?:\s+"([^"]*)")?$/.exec(line);
      if (m) caps.set(m[1].toUpperCase(), m[2] ?? '');
    }
    return {
      ok: /^OK\b/i.test(lines.at(-1) ?? ''),
      implementation: caps.get('IMPLEMENTATION') ?? null,
      extensions: (caps.get('SIEVE') ?? '').split(/\s+/).filter(Boolean),
      starttls: caps.has('STARTTLS'),
    };
  } finally {
    socket.destroy();
  }
}
