import { randomBytes, randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as sendRoute from '@/app/api/send/route';
import * as draftsRoute from '@/app/api/drafts/route';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { loggedDuring, settingsSwitcher, tlsStack } from '../support/tls-stack';
import { call, cookieFrom } from './call';

// Sending through the test Postfix's TLS ports (STARTTLS required, implicit TLS, an expired
// certificate), whose certificates come from the private CA made at stack start. User tlsmail
// signs in to the plain test Dovecot and sends to itself.

const stack = tlsStack();
const applySettings = settingsSwitcher();
let cookie: string;
let inbox: ImapFlow;

beforeAll(async () => {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'tlsmail', password: 'secret' } });
  expect(res.status).toBe(200);
  cookie = cookieFrom(res);
  inbox = await rawImap('tlsmail');
});
afterAll(async () => {
  await inbox.logout();
});

const compose = (label: string) => ({
  composeId: randomUUID(),
  to: [{ name: '', address: 'tlsmail@example.com' }],
  subject: `${label} ${randomBytes(4).toString('hex')}`,
  html: '<p>over TLS</p>',
  text: 'over TLS',
});

const send = (body: unknown) => call(sendRoute.POST, '/api/send', { method: 'POST', cookie, body });

/** UIDs in `folder` whose subject contains `subject`, once Postfix has delivered it. */
async function arrived(folder: string, subject: string): Promise<number[]> {
  for (let i = 0; i < 100; i++) {
    const found = await uidsWithSubject(inbox, folder, subject);
    if (found.length) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

describe('sending over TLS with a private CA (SMTP_CA)', () => {
  it('STARTTLS (required before AUTH on that port): sent, and the message arrives', async () => {
    applySettings({ SMTP_PORT: stack.smtpStarttlsPort, SMTP_TLS: 'starttls', SMTP_CA: stack.ca });
    const input = compose('STARTTLS');
    expect((await send(input)).status).toBe(200);
    expect(await arrived('INBOX', input.subject)).toHaveLength(1);
  });

  it('implicit TLS (submissions): sent, and the message arrives', async () => {
    applySettings({ SMTP_PORT: stack.smtpsPort, SMTP_TLS: 'implicit', SMTP_CA: stack.ca });
    const input = compose('Implicit');
    expect((await send(input)).status).toBe(200);
    expect(await arrived('INBOX', input.subject)).toHaveLength(1);
  });
});

describe('a certificate Wren does not accept: 502 smtp_tls naming the setting, nothing sent, the draft kept', () => {
  async function refused(settings: Record<string, string | undefined>) {
    const input = compose('Refused');
    const saved = await call(draftsRoute.POST, '/api/drafts', { method: 'POST', cookie, body: input });
    expect(saved.status).toBe(200);
    const { draftId } = await saved.json();
    applySettings(settings);
    let res: Response | undefined;
    const lines = await loggedDuring(async () => {
      res = await send({ ...input, draftId });
    });
    expect(res!.status).toBe(502);
    const { error } = await res!.json();
    expect(error.code).toBe('smtp_tls');
    expect(error.message).toMatch(/Nothing was sent\.$/);
    expect(await arrived('Drafts', input.subject)).toHaveLength(1);
    expect(await uidsWithSubject(inbox, 'INBOX', input.subject)).toEqual([]);
    for (const line of lines) expect(line).not.toContain('secret');
    return { message: error.message as string, logged: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  }

  it('untrusted (no SMTP_CA), over STARTTLS: "not trusted ... Set SMTP_CA"', async () => {
    const { message, logged } = await refused({ SMTP_PORT: stack.smtpStarttlsPort, SMTP_TLS: 'starttls', SMTP_CA: undefined });
    expect(message).toMatch(/^The SMTP server's certificate is not trusted .*Set SMTP_CA to the PEM file of the CA/);
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'smtp send failed', outcome: 'tls', reason: 'untrusted', tlsCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }));
  });

  it('untrusted (no SMTP_CA), over implicit TLS', async () => {
    const { message } = await refused({ SMTP_PORT: stack.smtpsPort, SMTP_TLS: 'implicit', SMTP_CA: undefined });
    expect(message).toMatch(/not trusted .*Set SMTP_CA/);
  });

  it('expired, though its CA is trusted', async () => {
    const { message } = await refused({ SMTP_PORT: stack.smtpsExpiredPort, SMTP_TLS: 'implicit', SMTP_CA: stack.ca });
    expect(message).toMatch(/^The SMTP server's certificate has expired/);
  });

  it('STARTTLS required but the server offers none', async () => {
    const { message } = await refused({ SMTP_PORT: stack.plainSmtpPort, SMTP_TLS: 'starttls', SMTP_CA: stack.ca });
    expect(message).toMatch(/^The SMTP server does not offer STARTTLS, which SMTP_TLS=starttls requires/);
  });
});
