import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { encodeMessageId } from '@/lib/message-id';
import { rawImap } from '../support/dovecot';
import { folderMessages, postfixAccepted, until } from '../support/scheduler';
import { killWren, startWren, type Wren } from '../support/wren-process';
import { PASSWORD } from './helpers';

/*
 * The scheduler in Wren processes of the build sharing the test Redis (#21): a process killed
 * with SIGKILL and another started loses nothing and sends nothing twice; two processes running
 * side by side act once between them (the lease). What went out is read from Postfix's log
 * (one `postfix/cleanup` line per message taken in). scheme schedules and snoozes, snip receives.
 * The processes run with a short lease, so a killed holder's duty moves within seconds.
 */

const USER = 'scheme';
const DOMAIN = 'example.com';
let running: Wren[] = [];

test.afterEach(() => {
  for (const wren of running) killWren(wren);
  running = [];
});

/** A lease of 8 s (SCHEDULER_LEASE; 30 s by default): a killed holder is replaced within it. */
const LEASE_SECONDS = 8;

async function start(): Promise<Wren> {
  const wren = await startWren({ env: { SCHEDULER_LEASE: String(LEASE_SECONDS) } });
  running.push(wren);
  return wren;
}

async function signInOver(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/session`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ username: USER, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

async function post<T>(origin: string, cookie: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${origin}${path}`, { method: 'POST', headers: { origin, cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
}

const unique = (label: string) => `${label} ${randomBytes(4).toString('hex')}`;

/** Queues a message to snip at `sendAt`; answers its Message-ID and its id in Scheduled. */
async function schedule(origin: string, cookie: string, subject: string, sendAt: number) {
  const composeId = randomUUID();
  const compose = { composeId, to: [{ name: '', address: `snip@${DOMAIN}` }], subject, html: '<p>Scheduled.</p>', text: 'Scheduled.' };
  const { id } = await post<{ id: string }>(origin, cookie, '/api/scheduled', { compose, sendAt });
  return { messageId: `<${composeId}@${DOMAIN}>`, id };
}

/** Appends a message to scheme's INBOX (read) and snoozes it through Wren until `until`. */
async function snooze(origin: string, cookie: string, subject: string, untilMs: number) {
  const client = await rawImap(USER);
  try {
    const appended = await client.append('INBOX', `From: a@elsewhere.test\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@elsewhere.test>\r\n\r\nLater.\r\n`, ['\\Seen']);
    if (!appended) throw new Error('APPEND failed');
    const id = encodeMessageId({ path: 'INBOX', uidValidity: String(appended.uidValidity), uid: appended.uid! });
    await post(origin, cookie, '/api/snooze', { ids: [id], until: untilMs });
  } finally {
    await client.logout();
  }
}

async function inboxHasUnread(subject: string): Promise<boolean> {
  const client = await rawImap(USER);
  try {
    const found = (await folderMessages(client, 'INBOX')).find((m) => m.subject === subject);
    return Boolean(found && !found.flags.has('\\Seen'));
  } finally {
    await client.logout();
  }
}

async function scheduledSubjects(): Promise<string[]> {
  const client = await rawImap(USER);
  try {
    return (await folderMessages(client, 'Scheduled')).map((m) => m.subject);
  } finally {
    await client.logout();
  }
}

test('kill -9 and a restart: the snooze comes back, the send goes once, the undone send never', async () => {
  test.setTimeout(180_000);
  const a = await start();
  const cookie = await signInOver(a.origin);
  const due = Date.now() + 6000;
  const snoozed = unique('Snoozed across a kill');
  const later = unique('Later across a kill');
  const undone = unique('Undone across a kill');
  const marker = unique('After the undone one');
  await snooze(a.origin, cookie, snoozed, due);
  const sent = await schedule(a.origin, cookie, later, due);
  // Due well after the restart and the lease's end (8 s after a's last renewal), so the Undo
  // below comes first: the new process starts and is asked within about 5 s.
  const held = await schedule(a.origin, cookie, undone, Date.now() + 18_000);
  const after = await schedule(a.origin, cookie, marker, Date.now() + 19_000);

  a.process.kill('SIGKILL');
  expect((await a.exited).signal).toBe('SIGKILL');
  const b = await start();
  // Undo on the new process, with the same cookie (the session is in Redis), before its time.
  await post(b.origin, cookie, '/api/scheduled/cancel', { id: held.id });

  await until('the snoozed message back in INBOX, unread', () => inboxHasUnread(snoozed), 60_000);
  await until('the scheduled message sent', () => postfixAccepted(sent.messageId) > 0, 60_000);
  // The marker was due after the undone one: once it went, the undone one's time had passed too.
  await until('the marker sent', () => postfixAccepted(after.messageId) > 0, 90_000);
  await until('Scheduled empty of them', async () => !(await scheduledSubjects()).some((s) => [later, marker].includes(s)), 30_000);
  expect(postfixAccepted(sent.messageId)).toBe(1);
  expect(postfixAccepted(after.messageId)).toBe(1);
  expect(postfixAccepted(held.messageId)).toBe(0);
  expect(b.output()).toContain('scheduled message sent');
});

test('two processes on one Redis: exactly one of them acts', async () => {
  test.setTimeout(120_000);
  const [b, c] = await Promise.all([start(), start()]);
  const cookie = await signInOver(b.origin);
  const subjects = [unique('Pair one'), unique('Pair two'), unique('Pair three')];
  const sends = [
    await schedule(b.origin, cookie, subjects[0], Date.now() + 4000),
    await schedule(c.origin, cookie, subjects[1], Date.now() + 4000),
    await schedule(b.origin, cookie, subjects[2], Date.now() + 4000),
  ];
  const snoozed = unique('Pair snoozed');
  await snooze(c.origin, cookie, snoozed, Date.now() + 4000);

  await until('all three sent', () => sends.every((s) => postfixAccepted(s.messageId) > 0), 60_000);
  await until('the snoozed one back', () => inboxHasUnread(snoozed), 30_000);
  await until('Scheduled empty of them', async () => !(await scheduledSubjects()).some((s) => subjects.includes(s)), 30_000);
  for (const s of sends) expect(postfixAccepted(s.messageId)).toBe(1);
  const acted = [b, c].map((w) => (w.output().match(/"scheduled message sent"/g) ?? []).length);
  const leases = [b, c].map((w, i) => `${i}: ${w.output().split('\n').filter((l) => /scheduler (lease|acted)/.test(l)).join(' | ')}`).join('\n');
  expect(acted[0] + acted[1], leases).toBe(3);
  expect(acted, leases).toContain(0);
});
