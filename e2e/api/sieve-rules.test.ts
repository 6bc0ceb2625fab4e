import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as filtersRoute from '@/app/api/filters/route';
import * as blockRoute from '@/app/api/filters/block/route';
import * as likeRoute from '@/app/api/filters/like/route';
import * as vacationRoute from '@/app/api/vacation/route';
import { encodeMessageId } from '@/lib/message-id';
import type { FilterRule } from '@/lib/schemas';
import type { BlockSenderDto, FiltersDto, FilterSuggestionDto } from '@/lib/types';
import { resetEnv } from '@/server/env';
import { ManageSieveClient } from '@/server/sieve/client';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { deliverThroughPostfix, uniqueMessageId } from '../support/delivery';
import { freePort } from '../support/wren-process';
import { call, cookieFrom } from './call';

// Filter rules set through Wren's API, run by Pigeonhole on mail delivered through Postfix
// (user rula, not seeded); Block sender; another client's active script; no ManageSieve.
const run = Date.now().toString(36);
let cookie: string;
let rula: ImapFlow;

const rule = (r: Partial<FilterRule> & Pick<FilterRule, 'id' | 'field' | 'value'>): FilterRule => ({
  enabled: true,
  match: 'contains',
  fileInto: null,
  markRead: false,
  star: false,
  forwardTo: null,
  forwardKeep: true,
  discard: false,
  stop: false,
  ...r,
});
const putRules = (rules: FilterRule[], extra: object = {}, origin?: string) =>
  call(filtersRoute.PUT, '/api/filters', { method: 'PUT', body: { rules, ...extra }, cookie, origin });
const getRules = async () => (await (await call(filtersRoute.GET, '/api/filters', { cookie })).json()) as FiltersDto;
const count = (folder: string, subject: string) => uidsWithSubject(rula, folder, subject).then((u) => u.length);

/** The ids Wren gives `rula`'s messages with this subject in `folder`. */
async function messageIds(folder: string, subject: string): Promise<string[]> {
  const status = await rula.status(folder, { uidValidity: true });
  if (!status) throw new Error(`no STATUS for ${folder}`);
  return (await uidsWithSubject(rula, folder, subject)).map((uid) => encodeMessageId({ uidValidity: String(status.uidValidity), uid, path: folder }));
}

/** The flags of message `uid` of `folder`, as the server says now. */
async function flagsOf(folder: string, uid: number): Promise<Set<string>> {
  await rula.mailboxOpen(folder);
  const msg = await rula.fetchOne(String(uid), { flags: true }, { uid: true });
  if (!msg || !msg.flags) throw new Error(`message ${uid} not found in ${folder}`);
  return msg.flags;
}

async function sieveAsRula<T>(fn: (client: ManageSieveClient) => Promise<T>): Promise<T> {
  const client = await ManageSieveClient.connect({ host: '127.0.0.1', port: Number(process.env.SIEVE_PORT), requireTls: false });
  try {
    await client.authenticate('rula', 'secret');
    return await fn(client);
  } finally {
    await client.logout();
  }
}

beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'rula', password: 'secret' } }));
  rula = await rawImap('rula');
  if (!(await rula.list()).some((f) => f.path === 'Receipts')) await rula.mailboxCreate('Receipts');
  // From no scripts at all, whatever an earlier run left.
  await sieveAsRula(async (client) => {
    await client.setActive('');
    for (const { name } of await client.listScripts()) await client.deleteScript(name);
  });
});
afterAll(async () => {
  await rula.logout();
});

describe('another client’s active script', () => {
  it('shown read-only; saving is refused until the user agrees to replace it, which leaves it stored', async () => {
    const legacy = `# written by another client (${run})\r\nkeep;\r\n`;
    await sieveAsRula(async (client) => {
      await client.putScript('legacy', legacy);
      await client.setActive('legacy');
    });
    expect(await getRules()).toMatchObject({ available: true, active: 'other', otherScript: { name: 'legacy', script: legacy }, rules: [] });

    const refused = await putRules([rule({ id: 'x', field: 'subject', value: 'x', markRead: true })]);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/Another filter script \("legacy"\) is active/);
    expect(await sieveAsRula((client) => client.listScripts())).toContainEqual({ name: 'legacy', active: true });

    const replaced = await putRules([], { replaceActive: true });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ active: 'wren', otherScript: null, rules: [] });
    expect(await sieveAsRula((client) => client.listScripts())).toEqual(
      expect.arrayContaining([
        { name: 'legacy', active: false },
        { name: 'wren', active: true },
      ]),
    );
  });
});

describe('filter rules on real delivery', () => {
  it('PUT /api/filters – refused from another origin, with an action-less rule, or a line break in a value', async () => {
    expect((await putRules([], {}, 'http://evil.example')).status).toBe(403);
    expect((await putRules([rule({ id: 'a', field: 'from', value: 'x' })])).status).toBe(400);
    expect((await putRules([rule({ id: 'a', field: 'from', value: 'x\r\nstop;', markRead: true })])).status).toBe(400);
  });

  it('a rule files a delivered message into its folder, marked read; a List-Id rule stars mail in the Inbox', async () => {
    const rules = [
      rule({ id: 'receipts', field: 'subject', value: `receipt ${run}`, fileInto: 'Receipts', markRead: true }),
      rule({ id: 'dev', field: 'list-id', value: `dev-${run}.lists.example`, star: true }),
    ];
    const res = await putRules(rules);
    expect(res.status).toBe(200);
    expect((await getRules()) as FiltersDto).toMatchObject({ active: 'wren', rules });

    await deliverThroughPostfix({ from: 'shop@shop.example', to: 'rula@example.com', subject: `Your receipt ${run}`, messageId: uniqueMessageId('receipt') });
    await deliverThroughPostfix({
      from: 'dev@lists.example',
      to: 'rula@example.com',
      subject: `Weekly digest ${run}`,
      messageId: uniqueMessageId('digest'),
      headers: { 'List-Id': `Developers <dev-${run}.lists.example>` },
    });
    await expect.poll(() => count('Receipts', `Your receipt ${run}`), { timeout: 30_000, interval: 250 }).toBe(1);
    expect(await count('INBOX', `Your receipt ${run}`)).toBe(0);
    const [receipt] = await uidsWithSubject(rula, 'Receipts', `Your receipt ${run}`);
    expect((await flagsOf('Receipts', receipt)).has('\\Seen')).toBe(true);

    await expect.poll(() => count('INBOX', `Weekly digest ${run}`), { timeout: 30_000, interval: 250 }).toBe(1);
    const [digest] = await uidsWithSubject(rula, 'INBOX', `Weekly digest ${run}`);
    const flags = await flagsOf('INBOX', digest);
    expect(flags.has('\\Flagged')).toBe(true);
    expect(flags.has('\\Seen')).toBe(false);
  });

  it('GET /api/filters/like – the mailing list for a list message, else the sender', async () => {
    const [digest] = await messageIds('INBOX', `Weekly digest ${run}`);
    const list = (await (await call(likeRoute.GET, `/api/filters/like?id=${encodeURIComponent(digest)}`, { cookie })).json()) as FilterSuggestionDto;
    expect(list.rule).toMatchObject({ field: 'list-id', match: 'contains', value: `dev-${run}.lists.example` });
    const [receipt] = await messageIds('Receipts', `Your receipt ${run}`);
    const sender = (await (await call(likeRoute.GET, `/api/filters/like?id=${encodeURIComponent(receipt)}`, { cookie })).json()) as FilterSuggestionDto;
    expect(sender.rule).toMatchObject({ field: 'from', match: 'contains', value: 'shop@shop.example' });
  });

  it('Block sender: their next message goes to Junk, not the Inbox; the rule is on top; blocking again adds nothing', async () => {
    const spammer = `offers-${run}@junk.example`;
    await deliverThroughPostfix({ from: spammer, to: 'rula@example.com', subject: `Buy now 1 ${run}`, messageId: uniqueMessageId('spam-1') });
    await expect.poll(() => count('INBOX', `Buy now 1 ${run}`), { timeout: 30_000, interval: 250 }).toBe(1);
    const [id] = await messageIds('INBOX', `Buy now 1 ${run}`);

    expect((await call(blockRoute.POST, '/api/filters/block', { method: 'POST', body: { id }, cookie, origin: 'http://evil.example' })).status).toBe(403);
    const res = await call(blockRoute.POST, '/api/filters/block', { method: 'POST', body: { id }, cookie });
    expect(res.status).toBe(200);
    const blocked = (await res.json()) as BlockSenderDto;
    expect(blocked).toMatchObject({ address: spammer, alreadyBlocked: false, rule: { field: 'from', match: 'is', value: spammer, fileInto: 'Spam', stop: true } });

    const again = (await (await call(blockRoute.POST, '/api/filters/block', { method: 'POST', body: { id }, cookie })).json()) as BlockSenderDto;
    expect(again).toMatchObject({ alreadyBlocked: true, rule: blocked.rule });
    const { rules } = (await getRules()) as FiltersDto & { available: true };
    expect(rules.map((r) => r.id)).toEqual([blocked.rule.id, 'receipts', 'dev']);

    await deliverThroughPostfix({ from: spammer, to: 'rula@example.com', subject: `Buy now 2 ${run}`, messageId: uniqueMessageId('spam-2') });
    await expect.poll(() => count('Spam', `Buy now 2 ${run}`), { timeout: 30_000, interval: 250 }).toBe(1);
    expect(await count('INBOX', `Buy now 2 ${run}`)).toBe(0);
  });
});

describe('without ManageSieve', () => {
  const original = process.env.SIEVE_PORT;
  afterAll(() => {
    process.env.SIEVE_PORT = original;
    resetEnv();
  });

  it('SIEVE_PORT=0: GET says unavailable and why, PUT answers 503', async () => {
    process.env.SIEVE_PORT = '0';
    resetEnv();
    expect(await getRules()).toEqual({ available: false, reason: expect.stringMatching(/SIEVE_PORT=0/) });
    expect(await (await call(vacationRoute.GET, '/api/vacation', { cookie })).json()).toMatchObject({ available: false });
    const res = await putRules([]);
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('sieve_unavailable');
  });

  it('nothing listening on SIEVE_PORT: unavailable, the server cannot be reached', async () => {
    process.env.SIEVE_PORT = String(await freePort());
    resetEnv();
    expect(await getRules()).toEqual({ available: false, reason: expect.stringMatching(/cannot be reached/) });
  });
});
