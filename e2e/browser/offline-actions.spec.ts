import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hasFlag, rawImap, uidsWithSubject } from '../support/dovecot';
import { row, signIn } from './helpers';

// This spec is about the service worker: it runs with it (the other specs block it, playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

/*
 * Offline actions (#19): a star, a move and a send made without a network wait in this browser's
 * encrypted queue (lib/offline/), are shown as waiting, survive a reload, and are sent in order by
 * the service worker once the network is back: each reaches the IMAP server, or Postfix, once.
 * opal (not seeded: each run appends its own messages) acts; otis receives what she sends.
 */

const USER = 'opal';
const run = randomBytes(4).toString('hex');
const STAR = `Star me ${run}`;
const MOVE = `Move me ${run}`;
const SEND = `Sent from the train ${run}`;
const GONE = `Deleted elsewhere ${run}`;
const LATER = 'Later';

async function append(subject: string) {
  const client = await rawImap(USER);
  try {
    await client.mailboxCreate(LATER).catch(() => undefined);
    await client.append('INBOX', [`From: Ann <ann@example.com>`, `To: ${USER}@example.com`, `Subject: ${subject}`, 'Content-Type: text/plain', '', `About ${subject}`, ''].join('\r\n'));
  } finally {
    await client.logout();
  }
}

test.beforeAll(async () => {
  await append(GONE);
  await append(MOVE);
  await append(STAR);
});

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Message actions' });
const composer = (page: Page) => page.getByRole('dialog', { name: 'New message' });
const waiting = (page: Page) => page.getByRole('list', { name: 'Waiting for the connection' }).getByRole('listitem');

/** What this origin's offline store holds, by kind, and how many changes wait. */
function kept(page: Page): Promise<{ kinds: string[]; queued: number }> {
  return page.evaluate(async () => {
    const ask = <T,>(r: IDBRequest<T>) => new Promise<T>((ok, ko) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => ko(r.error))));
    const [name] = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('wren-offline-'));
    if (!name) return { kinds: [], queued: 0 };
    const db = await ask(indexedDB.open(name));
    try {
      const index = (await ask(db.transaction('index').objectStore('index').getAll())) as Array<{ kind: string }>;
      return { kinds: index.map((e) => e.kind).sort(), queued: await ask(db.transaction('queue').objectStore('queue').count()) };
    } finally {
      db.close();
    }
  });
}

/** How many times Postfix took in the message with this Message-ID (its cleanup daemon logs each once). */
function postfixAccepted(messageId: string): number {
  const log = readFileSync(join(process.env.POSTFIX_DIR!, 'postfix.log'), 'utf8');
  return log.split('\n').filter((line) => line.includes('postfix/cleanup') && line.includes(`message-id=${messageId}`)).length;
}

/** The Message-ID of the one message with `subject` in otis's INBOX. */
async function receivedMessageId(subject: string): Promise<string> {
  const client = await rawImap('otis');
  try {
    const [uid] = await uidsWithSubject(client, 'INBOX', subject);
    const lock = await client.getMailboxLock('INBOX');
    try {
      const message = await client.fetchOne(String(uid), { envelope: true }, { uid: true });
      return message ? (message.envelope?.messageId ?? '') : '';
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

async function serverState() {
  const client = await rawImap(USER);
  try {
    const [starred] = await uidsWithSubject(client, 'INBOX', STAR);
    return {
      starred: await hasFlag(client, starred, '\\Flagged'),
      inInbox: (await uidsWithSubject(client, 'INBOX', MOVE)).length,
      inLater: (await uidsWithSubject(client, LATER, MOVE)).length,
    };
  } finally {
    await client.logout();
  }
}

async function receivedBy(subject: string): Promise<number> {
  const client = await rawImap('otis');
  try {
    return (await uidsWithSubject(client, 'INBOX', subject)).length;
  } finally {
    await client.logout();
  }
}

test('offline, a star, a move and a send wait in order, shown as waiting, through a reload; back online each reaches the server once, the send exactly once though its answers were lost', async ({ page, context }) => {
  // A long journey (two reloads offline and online, a send replayed twice): 30 s is too short on a busy 2-core runner.
  test.setTimeout(90_000);
  await signIn(page, USER);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await page.reload();
  // The composer's config is kept when it opens: a message can be written offline then.
  await page.getByRole('button', { name: 'Compose' }).click();
  await expect(composer(page).getByLabel('Subject')).toBeVisible();
  await composer(page).getByRole('button', { name: 'Discard' }).click();
  await expect.poll(async () => (await kept(page)).kinds).toEqual(['config', 'folders', 'list']);

  await context.setOffline(true);
  await row(page, STAR).getByRole('button', { name: 'Star' }).click();
  await row(page, MOVE).getByRole('checkbox').click();
  await toolbar(page).getByRole('button', { name: 'Move to…' }).click();
  await page.getByRole('dialog', { name: 'Move to folder' }).getByRole('button', { name: LATER }).click();
  await expect(row(page, MOVE)).toHaveCount(0);
  await page.getByRole('button', { name: 'Compose' }).click();
  const to = composer(page).getByRole('combobox', { name: 'To' });
  await to.fill('otis@example.com');
  await to.press('Enter');
  await composer(page).getByLabel('Subject').fill(SEND);
  await composer(page).getByRole('textbox', { name: 'Message body' }).fill('Written with no network.');
  await composer(page).getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer(page)).toBeHidden();
  await expect(page.getByTestId('toast').filter({ hasText: 'the message will be sent when the connection is back' })).toBeVisible();

  const inOrder = [`Star “${STAR}”`, `Move “${MOVE}” to ${LATER}`, `Send “${SEND}”`];
  await expect(page.getByRole('status', { name: 'Offline' })).toContainText('You are offline');
  await expect(waiting(page)).toHaveText(inOrder);
  // A reload without a network: the queue is still there, and the kept list shows it done.
  await page.reload();
  await expect(waiting(page)).toHaveText(inOrder);
  await expect(row(page, STAR).getByRole('button', { name: 'Unstar' })).toBeVisible();
  await expect(row(page, MOVE)).toHaveCount(0);
  expect(await serverState()).toEqual({ starred: false, inInbox: 1, inLater: 0 });
  expect(await receivedBy(SEND)).toBe(0);

  // Back online, the send's answers are lost on their way back (the server sent it the first
  // time): the worker cannot know, keeps the send, and tries again at each occasion (the shell's
  // reload, the pages' next reads) while the loss lasts.
  let sends = 0;
  await context.route('**/api/send', async (route) => {
    sends++;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await context.setOffline(false);
  await expect.poll(serverState, { timeout: 30_000 }).toEqual({ starred: true, inInbox: 0, inLater: 1 });
  await expect.poll(() => receivedBy(SEND), { timeout: 15_000 }).toBe(1);
  expect(sends).toBeGreaterThanOrEqual(1);
  await expect.poll(async () => (await kept(page)).queued).toBe(1);

  // The answers get through again; a reload: the send goes once more, and the server knows it by
  // its compose id. Offline first, so that no replay slips in (the pages' reads trigger them)
  // between the answers getting through and the reload: the notice must reach the page that stays.
  await context.setOffline(true);
  await context.unrouteAll({ behavior: 'wait' });
  expect((await kept(page)).queued).toBe(1);
  await page.reload();
  await expect(page.getByRole('status', { name: 'Offline' })).toContainText('You are offline');
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: /change made offline was sent/ })).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await kept(page)).queued).toBe(0);
  expect(await receivedBy(SEND)).toBe(1);
  expect(postfixAccepted(await receivedMessageId(SEND))).toBe(1);
  expect(await serverState()).toEqual({ starred: true, inInbox: 0, inLater: 1 });
});

test('a change to a message deleted elsewhere meanwhile is dropped with a notice: the server’s state wins', async ({ page, context }) => {
  await signIn(page, USER);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await page.reload();
  await expect.poll(async () => (await kept(page)).kinds).toContain('list');

  await context.setOffline(true);
  await row(page, GONE).getByRole('checkbox').click();
  await toolbar(page).getByRole('button', { name: 'Move to…' }).click();
  await page.getByRole('dialog', { name: 'Move to folder' }).getByRole('button', { name: LATER }).click();
  await expect(waiting(page)).toHaveText([`Move “${GONE}” to ${LATER}`]);
  // Another mail program deletes it meanwhile.
  const client = await rawImap(USER);
  try {
    const uids = await uidsWithSubject(client, 'INBOX', GONE);
    const lock = await client.getMailboxLock('INBOX');
    try {
      await client.messageDelete(uids.join(','), { uid: true });
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }

  await context.setOffline(false);
  await expect(page.getByRole('alert').filter({ hasText: `Not done: Move “${GONE}” to ${LATER}: the message is no longer there` })).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await kept(page)).queued).toBe(0);
  const check = await rawImap(USER);
  try {
    expect(await uidsWithSubject(check, LATER, GONE)).toEqual([]);
  } finally {
    await check.logout();
  }
});
