import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as attachmentRoute from '@/app/api/messages/[id]/attachments/[part]/route';
import { messageOfCode } from '@/server/errors';
import { loggedDuring, rawTlsImap, settingsSwitcher, tlsStack } from '../support/tls-stack';
import { call, cookieFrom } from './call';

// Sign-in over TLS against the test stack's TLS Dovecot, whose certificates come from a private
// CA made at stack start (scripts/lib/test-ca.sh): trusted with IMAP_CA, refused without it,
// and refused when expired or made for another host, each with a message that says what to do.

const stack = tlsStack();
const applySettings = settingsSwitcher();
const subject = `Over TLS ${randomBytes(4).toString('hex')}`;
// An attachment streams with its literal read off the TLS socket (server/mail/mime/part-stream.ts).
const attached = randomBytes(3 * 1024 * 1024 + 17);
const withFile = `${subject}, with a file`;

beforeAll(async () => {
  const client = await rawTlsImap();
  await client.append('INBOX', `From: a@example.com\r\nTo: tls@example.com\r\nSubject: ${subject}\r\n\r\nhello\r\n`);
  const base64 = attached.toString('base64').replace(/.{76}/g, '$&\r\n');
  await client.append(
    'INBOX',
    `From: a@example.com\r\nTo: tls@example.com\r\nSubject: ${withFile}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n` +
      `--b\r\nContent-Type: text/plain\r\n\r\nattached\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="f.bin"\r\n` +
      `Content-Transfer-Encoding: base64\r\n\r\n${base64}\r\n--b--\r\n`,
  );
  await client.logout();
});

/** Downloads the attachment of `withFile`: whole, and by the streaming path (its length said first). */
async function expectAttachmentWhole(cookie: string) {
  const list = await call(messagesRoute.GET, '/api/messages?folder=INBOX', { cookie });
  const id = ((await list.json()).messages as { id: string; subject: string }[]).find((m) => m.subject === withFile)!.id;
  const res = await call(attachmentRoute.GET, `/api/messages/${id}/attachments/2`, { cookie, params: { id, part: '2' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-length')).toBe(String(attached.length));
  expect(Buffer.from(await res.arrayBuffer()).equals(attached)).toBe(true);
}

const signIn = () => call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'tls', password: 'secret' } });

async function subjectsInInbox(cookie: string): Promise<string[]> {
  const res = await call(messagesRoute.GET, '/api/messages?folder=INBOX', { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()).messages as { subject: string }[]).map((m) => m.subject);
}

/** Dovecot's login lines for user tls: each says TLS when the session was encrypted. */
const logins = () => readFileSync(join(stack.dovecotDir, 'dovecot.log'), 'utf8').split('\n').filter((l) => l.includes('Login: user=<tls>'));

describe('IMAP over TLS with a private CA (IMAP_CA)', () => {
  it('implicit TLS (IMAPS): sign-in, the message list and an attachment work', async () => {
    applySettings({ IMAP_HOST: '127.0.0.1', IMAP_PORT: stack.imapsPort, IMAP_TLS: 'implicit', IMAP_CA: stack.ca });
    const res = await signIn();
    expect(res.status).toBe(200);
    expect(await subjectsInInbox(cookieFrom(res))).toContain(subject);
    await expectAttachmentWhole(cookieFrom(res));
  });

  it('STARTTLS: sign-in, the list and an attachment work, and the login went over TLS', async () => {
    applySettings({ IMAP_HOST: '127.0.0.1', IMAP_PORT: stack.imapStarttlsPort, IMAP_TLS: 'starttls', IMAP_CA: stack.ca });
    const before = logins().length;
    const res = await signIn();
    expect(res.status).toBe(200);
    expect(await subjectsInInbox(cookieFrom(res))).toContain(subject);
    await expectAttachmentWhole(cookieFrom(res));
    // Dovecot's log process writes the login line a moment after the login itself.
    for (let i = 0; i < 50 && logins().length === before; i++) await new Promise((r) => setTimeout(r, 100));
    const added = logins().slice(before);
    expect(added.length).toBeGreaterThan(0);
    for (const line of added) expect(line).toMatch(/, TLS, /);
  });
});

describe('a certificate Wren does not accept: a 502 that names the cause and the setting, and a log line', () => {
  async function refused(settings: Record<string, string | undefined>) {
    applySettings({ IMAP_HOST: '127.0.0.1', IMAP_TLS: 'implicit', IMAP_CA: stack.ca, ...settings });
    let res: Response | undefined;
    const lines = await loggedDuring(async () => {
      res = await signIn();
    });
    expect(res!.status).toBe(502);
    expect(res!.headers.get('set-cookie')).toBeNull();
    const { error } = await res!.json();
    expect(error.code).toBe('imap_tls');
    for (const line of lines) expect(line).not.toContain('secret');
    return { message: error.message as string, logged: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  }

  it('untrusted (no IMAP_CA): "not trusted ... Set IMAP_CA"', async () => {
    const { message, logged } = await refused({ IMAP_PORT: stack.imapsPort, IMAP_CA: undefined });
    expect(message).toMatch(/^The IMAP server's certificate is not trusted .*Set IMAP_CA to the PEM file of the CA/);
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'imap tls refused', reason: 'untrusted', tlsCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }));
  });

  it('untrusted stays refused even with NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment', async () => {
    const { message } = await refused({ IMAP_PORT: stack.imapsPort, IMAP_CA: undefined, NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    expect(message).toMatch(/not trusted/);
  });

  it('STARTTLS with an untrusted certificate is refused the same way', async () => {
    const { message } = await refused({ IMAP_PORT: stack.imapStarttlsPort, IMAP_TLS: 'starttls', IMAP_CA: undefined });
    expect(message).toMatch(/not trusted .*Set IMAP_CA/);
  });

  it('expired: "has expired", even though its CA is trusted', async () => {
    const { message, logged } = await refused({ IMAP_HOST: '127.0.0.2', IMAP_PORT: stack.imapsExpiredPort });
    expect(message).toMatch(/^The IMAP server's certificate has expired\. It must be renewed on the mail server/);
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'imap tls refused', reason: 'expired', tlsCode: 'CERT_HAS_EXPIRED' }));
  });

  it('for another host: names the certificate’s host and IMAP_HOST', async () => {
    const { message, logged } = await refused({ IMAP_HOST: '127.0.0.3', IMAP_PORT: stack.imapsOtherHostPort });
    expect(message).toBe("The IMAP server's certificate is for another host (it names mail.other.example), not 127.0.0.3. Set IMAP_HOST to a name the certificate lists.");
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'imap tls refused', reason: 'wrong_host', tlsCode: 'ERR_TLS_CERT_ALTNAME_INVALID' }));
  });

  it('STARTTLS required but the server offers none: refused, never signed in over clear text', async () => {
    const { message, logged } = await refused({ IMAP_PORT: stack.plainImapPort, IMAP_TLS: 'starttls' });
    expect(message).toMatch(/^The IMAP server does not offer STARTTLS, which IMAP_TLS=starttls requires/);
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'imap tls refused', reason: 'no_starttls' }));
  });

  it('the form without JavaScript: back to the form with imap_tls, whose message points to the log and the doctor', async () => {
    applySettings({ IMAP_HOST: '127.0.0.1', IMAP_PORT: stack.imapsPort, IMAP_TLS: 'implicit', IMAP_CA: undefined });
    const req = new Request('http://wren.test/api/session', {
      method: 'POST',
      headers: { host: 'wren.test', origin: 'http://wren.test', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'tls', password: 'secret' }).toString(),
    });
    const res = await sessionRoute.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?error=imap_tls');
    expect(messageOfCode('imap_tls')).toMatch(/secure connection to the mail server failed .*log and npm run doctor name the cause and the setting/);
  });

  it('implicit TLS spoken to a clear-text port: "check IMAP_TLS and IMAP_PORT"', async () => {
    const { message } = await refused({ IMAP_PORT: stack.plainImapPort });
    expect(message).toMatch(/TLS handshake .* failed\. Check IMAP_TLS and IMAP_PORT/);
  });
});


describe('readiness over TLS', () => {
  it('trusts IMAP_CA as sign-in does: ready with it, down naming the certificate without it', async () => {
    const { checkReadiness } = await import('@/server/health');
    const { env } = await import('@/server/env');
    const base = { ...env(), IMAP_HOST: '127.0.0.1', IMAP_PORT: Number(stack.imapsPort), IMAP_TLS: 'implicit' as const };
    const withCa = await checkReadiness({ ...base, IMAP_CA: stack.ca });
    expect(withCa.checks.find((c) => c.name === 'imap')).toMatchObject({ ok: true });
    const withoutCa = await checkReadiness({ ...base, IMAP_CA: undefined });
    expect(withoutCa.checks.find((c) => c.name === 'imap')).toMatchObject({ ok: false, error: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY/) });
  });
});
