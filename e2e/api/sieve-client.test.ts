import { afterEach, describe, expect, it } from 'vitest';
import { filterRuleSchema, sieveModelSchema } from '@/lib/schemas';
import { ManageSieveClient, SieveError, type SieveTarget } from '@/server/sieve/client';
import { generateScript, readModel } from '@/server/sieve/script';
import { trustedCertificates } from '@/server/tls.mjs';
import { freePort } from '../support/wren-process';

// The ManageSieve client against the test stack's Pigeonhole: the main Dovecot (plain text on
// loopback, user sven) and the TLS Dovecot (STARTTLS, the test CA; user tls).
const plain: SieveTarget = { host: '127.0.0.1', port: Number(process.env.SIEVE_PORT), requireTls: false, timeoutMs: 10_000 };
const tlsPort = Number(process.env.TLS_SIEVE_PORT);

const open: ManageSieveClient[] = [];
async function signedIn(target: SieveTarget = plain, user = 'sven'): Promise<ManageSieveClient> {
  const client = await ManageSieveClient.connect(target);
  open.push(client);
  await client.authenticate(user, 'secret');
  return client;
}

async function refusal(promise: Promise<unknown>): Promise<SieveError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SieveError);
  return error as SieveError;
}

afterEach(async () => {
  for (const client of open.splice(0)) await client.logout();
});

// Text that would break a Sieve string, a ManageSieve command, or Wren's model comment if not escaped.
const HOSTILE = ['"; discard; #', 'a\\"; redirect "x@evil.example"; "', '\\', '${hex:41}', 'Ünïcödé 🙂 \u2028', '*/ } stop;', '# wren-model: {}'];

describe('ManageSieve client against Pigeonhole', () => {
  it('the greeting: implementation, Sieve extensions, SASL PLAIN; no STARTTLS on the plain server', async () => {
    const client = await signedIn();
    expect(client.capabilities.implementation).toMatch(/Pigeonhole/);
    expect(client.capabilities.sieve).toEqual(expect.arrayContaining(['fileinto', 'vacation', 'imap4flags', 'copy', 'date', 'relational']));
    expect(client.capabilities.sasl).toContain('PLAIN');
    expect(client.capabilities.starttls).toBe(false);
  });

  it('PUTSCRIPT, LISTSCRIPTS, GETSCRIPT, SETACTIVE, DELETESCRIPT: a script goes in as a literal and comes back byte for byte', async () => {
    const client = await signedIn();
    const script = 'require "fileinto";\r\n# Ünï "quoted" \\ {5+}\r\nif header :contains "subject" "x" { fileinto "INBOX"; }\r\n';
    await client.putScript('client-test', script);
    await client.putScript('client "other"', 'keep;\r\n');
    expect(await client.getScript('client-test')).toBe(script);
    await client.setActive('client-test');
    expect(await client.listScripts()).toEqual(expect.arrayContaining([{ name: 'client-test', active: true }, { name: 'client "other"', active: false }]));

    // The active script cannot be deleted; after SETACTIVE "" it can.
    const active = await refusal(client.deleteScript('client-test'));
    expect(active).toMatchObject({ kind: 'no', responseCode: 'ACTIVE' });
    await client.setActive('');
    await client.deleteScript('client-test');
    await client.deleteScript('client "other"');
    const names = (await client.listScripts()).map((s) => s.name);
    expect(names).not.toContain('client-test');
    expect(names).not.toContain('client "other"');
    const missing = await refusal(client.getScript('client-test'));
    expect(missing).toMatchObject({ kind: 'no', responseCode: 'NONEXISTENT' });
  });

  it('CHECKSCRIPT: a broken script is refused with the errors in the server’s words', async () => {
    const client = await signedIn();
    expect(await client.checkScript('keep;\r\n')).toBe('');
    const error = await refusal(client.checkScript('require "fileinto";\r\nfileinto "x"\r\n'));
    expect(error.kind).toBe('no');
    expect(error.serverText).toMatch(/error/i);
  });

  it('generated scripts with hostile text in every field pass CHECKSCRIPT, and read back through PUTSCRIPT and GETSCRIPT', async () => {
    const client = await signedIn();
    for (const text of HOSTILE) {
      const line = text;
      const model = sieveModelSchema.parse({
        vacation: { enabled: true, start: '2030-01-01', end: '2030-02-01', subject: line, text: `${text}\nline two\r\n.\r\nline four`, addresses: ['sven@alias.example'], days: 2 },
        rules: [
          filterRuleSchema.parse({ id: 'a', field: 'from', value: line, fileInto: `Lists/${line}`, markRead: true, star: true }),
          filterRuleSchema.parse({ id: 'b', field: 'to', match: 'is', value: line, forwardTo: 'copy@example.com', forwardKeep: true }),
          filterRuleSchema.parse({ id: 'c', field: 'list-id', value: line, forwardTo: 'other@example.com', forwardKeep: false, stop: true }),
          filterRuleSchema.parse({ id: 'd', field: 'subject', match: 'is', value: line, discard: true }),
        ],
      });
      const { script } = generateScript(model);
      expect(await client.checkScript(script), text).toBe('');
      await client.putScript('hostile-test', script);
      expect(readModel(await client.getScript('hostile-test'))).toEqual(model);
    }
    await client.deleteScript('hostile-test');
  });

  it('a wrong password is refused (kind auth), and the error carries no credentials', async () => {
    const client = await ManageSieveClient.connect(plain);
    open.push(client);
    const error = await refusal(client.authenticate('sven', 'wrong-password-xyz'));
    expect(error.kind).toBe('auth');
    expect(JSON.stringify({ message: error.message, text: error.serverText })).not.toMatch(/wrong-password-xyz|c3Zlbg/);
  });

  it('STARTTLS: upgraded when offered, trusting the CA given (IMAP_CA), then the capabilities again', async () => {
    const client = await signedIn({ host: '127.0.0.1', port: tlsPort, requireTls: true, ca: trustedCertificates(process.env.TLS_CA, 'IMAP_CA'), timeoutMs: 10_000 }, 'tls');
    expect(client.capabilities.sieve).toContain('vacation');
    expect(client.capabilities.starttls).toBe(false);
    expect(Array.isArray(await client.listScripts())).toBe(true);
  });

  it('STARTTLS with a certificate from an untrusted CA: kind tls with Node’s code', async () => {
    const error = await refusal(ManageSieveClient.connect({ host: '127.0.0.1', port: tlsPort, requireTls: true, timeoutMs: 10_000 }));
    expect(error.kind).toBe('tls');
    expect(error.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/);
  });

  it('TLS required (a host off this machine) but not offered: refused before any credentials are sent', async () => {
    const error = await refusal(ManageSieveClient.connect({ ...plain, requireTls: true }));
    expect(error).toMatchObject({ kind: 'no_starttls', code: 'NO_STARTTLS' });
  });

  it('nothing listening: kind unreachable', async () => {
    const error = await refusal(ManageSieveClient.connect({ ...plain, port: await freePort() }));
    expect(error.kind).toBe('unreachable');
  });
});
