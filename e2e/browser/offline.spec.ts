import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { rawImap } from '../support/dovecot';
import { row, signIn, signInWithForm } from './helpers';

// This spec is about the service worker: it runs with it (the other specs block it, playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

/*
 * Offline reading (#19): what the mail view read is kept in IndexedDB, encrypted under the
 * session's key (lib/offline/), and shown by the service worker's shell without a network. oona
 * reads and signs out; otis signs in after her in the same browser. Neither is seeded: each run
 * appends messages of its own.
 */

const run = randomBytes(4).toString('hex');
const OPENED = { subject: `Harbour minutes ${run}`, body: `The ferry leaves at dawn ${run}` };
const NEVER = { subject: `Lighthouse rota ${run}`, body: `Never opened ${run}` };
const OTIS = { subject: `Otis own note ${run}`, body: `For Otis only ${run}` };
const WITH_FILES = { subject: `Tide tables ${run}`, body: `Two files attached ${run}`, kept: `High water 06:12 ${run}`, other: `Low water 12:30 ${run}` };

async function append(user: string, { subject, body }: { subject: string; body: string }) {
  const client = await rawImap(user);
  try {
    await client.append(
      'INBOX',
      [`From: Ann <ann@example.com>`, `To: ${user}@example.com`, `Subject: ${subject}`, `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'),
    );
  } finally {
    await client.logout();
  }
}

test.beforeAll(async () => {
  await append('oona', NEVER);
  await append('oona', OPENED);
  await append('otis', OTIS);
  const client = await rawImap('odile');
  try {
    const file = (name: string, text: string) =>
      ['--b1', `Content-Type: text/plain; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', Buffer.from(text).toString('base64')];
    await client.append(
      'INBOX',
      [
        'From: Ann <ann@example.com>', 'To: odile@example.com', `Subject: ${WITH_FILES.subject}`, `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8', '', WITH_FILES.body,
        ...file('morning.txt', WITH_FILES.kept), ...file('noon.txt', WITH_FILES.other), '--b1--', '',
      ].join('\r\n'),
    );
  } finally {
    await client.logout();
  }
});

const mailList = (page: Page) => page.getByRole('region', { name: 'Message list' });
const offlineBar = (page: Page) => page.getByRole('status', { name: 'Offline' });

/**
 * Everything in this origin's offline databases, as text: names, keys and values, bytes as Latin-1
 * (ciphertext shows as noise, plain text as itself), CryptoKeys by their properties.
 */
async function offlineDump(page: Page): Promise<{ names: string[]; text: string; kinds: string[]; keys: Array<{ type: string; extractable: boolean; exported: string }> }> {
  return page.evaluate(async () => {
    const ask = <T,>(r: IDBRequest<T>) => new Promise<T>((ok, ko) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => ko(r.error))));
    const show = (v: unknown): unknown => {
      if (v instanceof ArrayBuffer) return String.fromCharCode(...new Uint8Array(v));
      if (ArrayBuffer.isView(v)) return String.fromCharCode(...new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      if (v instanceof CryptoKey) return `CryptoKey(${v.type}, ${v.algorithm.name}, extractable=${v.extractable})`;
      if (Array.isArray(v)) return v.map(show);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, show(x)]));
      return v;
    };
    // Opens a database only if it still exists: indexedDB.open() of a name deleted since
    // databases() listed it would make it anew (empty), and the dump would then find it for ever.
    const openExisting = (name: string) =>
      new Promise<IDBDatabase | null>((ok, ko) => {
        const request = indexedDB.open(name);
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => ok(request.result);
        request.onerror = () => (request.error?.name === 'AbortError' ? ok(null) : ko(request.error));
      });
    const listed = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('wren-offline-'));
    const names: string[] = [];
    const parts: string[] = [];
    const kinds: string[] = [];
    const keys: Array<{ type: string; extractable: boolean; exported: string }> = [];
    for (const name of listed) {
      const db = await openExisting(name);
      if (!db) continue;
      names.push(name);
      try {
        for (const store of Array.from(db.objectStoreNames)) {
          const tx = db.transaction(store);
          const [k, v] = await Promise.all([ask(tx.objectStore(store).getAllKeys()), ask(tx.objectStore(store).getAll())]);
          parts.push(JSON.stringify({ store, keys: show(k), values: show(v) }));
          if (store === 'index') kinds.push(...(v as Array<{ kind: string }>).map((e) => e.kind));
          for (const value of v) {
            for (const key of Object.values(value as object)) {
              if (!(key instanceof CryptoKey)) continue;
              const exported = await crypto.subtle.exportKey('raw', key).then(
                () => 'exported',
                (e: Error) => e.name,
              );
              keys.push({ type: key.algorithm.name, extractable: key.extractable, exported });
            }
          }
        }
      } finally {
        db.close();
      }
    }
    return { names, text: parts.join('\n'), kinds: kinds.sort(), keys };
  });
}

/** Signs in through the form the page shows, and waits for the Inbox. */
async function signInHere(page: Page, user: string) {
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill('secret');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(mailList(page).getByRole('heading', { name: 'Inbox' })).toBeVisible();
}

/** The page under the worker (the first page installs it; it claims that page once active). */
async function underWorker(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** Opens `subject` from the Inbox and waits until the worker has kept the folders, the Inbox and that message. */
async function readAndKeep(page: Page, subject: string, body: string) {
  await underWorker(page);
  // A reload under the worker: the first paint's folders and Inbox are handed to it.
  await page.reload();
  await row(page, subject).click();
  await expect(page.getByTestId('plain-body')).toContainText(body);
  await expect.poll(async () => (await offlineDump(page)).kinds).toEqual(['folders', 'list', 'message']);
}

test('offline, a reload shows the folders, the Inbox and a message read before, under a clear notice; what was never opened says it is not available offline', async ({ page, context }) => {
  await signIn(page, 'oona');
  await readAndKeep(page, OPENED.subject, OPENED.body);

  await context.setOffline(true);
  await page.reload();
  await expect(offlineBar(page)).toContainText('You are offline');
  // Still the address asked for: the message open over its list.
  await expect(page).toHaveURL(/\/mail\/INBOX\/[^/]+$/);
  await expect(page.getByTestId('message-subject')).toHaveText(OPENED.subject);
  await expect(page.getByTestId('plain-body')).toContainText(OPENED.body);
  await expect(mailList(page).getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(row(page, OPENED.subject)).toBeVisible();
  await expect(row(page, NEVER.subject)).toBeVisible();
  await expect(page.locator('[role="tree"]')).toContainText('Inbox');

  await row(page, NEVER.subject).click();
  await expect(page.getByRole('main', { name: 'Message' }).getByRole('alert')).toContainText('Not available offline');
  await expect(page.getByTestId('plain-body')).toHaveCount(0);
  // A folder never visited: its list is not kept either.
  await page.locator('[data-folder-path="Archives"]').click();
  await expect(mailList(page).getByRole('alert')).toContainText('Not available offline');

  // Back online, the shell gives way to the real mail view by itself. Playwright sets a context's
  // pages online before its service workers: the page can hear "online", find the server and
  // reload while the worker is still offline, and get the shell again, which checks again 5 s
  // later (CI88). So the real view may take two checks, as in pwa.spec.ts.
  await context.setOffline(false);
  await expect(offlineBar(page)).toHaveCount(0, { timeout: 30_000 });
  await expect(mailList(page).getByText('No messages in this folder')).toBeVisible({ timeout: 30_000 });
  await page.locator('[data-folder-path="INBOX"]').click();
  await expect(row(page, OPENED.subject)).toBeVisible();
});

test('what is kept is ciphertext: no subject, body, folder or user name in IndexedDB, and keys that cannot be exported', async ({ page }) => {
  await signIn(page, 'oona');
  await readAndKeep(page, OPENED.subject, OPENED.body);
  const dump = await offlineDump(page);
  expect(dump.names).toHaveLength(1);
  expect(dump.names[0]).toMatch(/^wren-offline-[0-9a-f]{24}$/);
  expect(dump.text.length).toBeGreaterThan(1000);
  for (const plain of [OPENED.subject, OPENED.body, NEVER.subject, 'Harbour', 'ferry', 'INBOX', 'Archives', 'oona', 'ann@example.com']) {
    expect(dump.text, plain).not.toContain(plain);
  }
  expect(dump.keys).toEqual([
    { type: 'AES-GCM', extractable: false, exported: 'InvalidAccessError' },
    { type: 'HMAC', extractable: false, exported: 'InvalidAccessError' },
  ]);
});

test('after sign-out the copy is gone: offline the shell shows no mail, and the next user of the browser sees none of it', async ({ page, context }) => {
  // The form's own session: signing out revokes it, not the saved one the other tests use.
  await signInWithForm(page, 'oona');
  await readAndKeep(page, OPENED.subject, OPENED.body);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect.poll(async () => (await offlineDump(page)).names).toEqual([]);

  await context.setOffline(true);
  await page.goto('/mail');
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
  await expect(page.getByText(OPENED.subject)).toHaveCount(0);
  await context.setOffline(false);

  // otis, in the same browser: his own store, and nothing of oona's in it or on screen.
  await page.goto('/login');
  await signInHere(page, 'otis');
  await readAndKeep(page, OTIS.subject, OTIS.body);
  const dump = await offlineDump(page);
  expect(dump.names).toHaveLength(1);
  await context.setOffline(true);
  await page.reload();
  await expect(offlineBar(page)).toBeVisible();
  await expect(row(page, OTIS.subject)).toBeVisible();
  await expect(page.getByText(OPENED.subject)).toHaveCount(0);
  await expect(page.getByText(NEVER.subject)).toHaveCount(0);
});

test('a session that ended without signing out: the next user to sign in finds nothing of the first', async ({ page, context }) => {
  await signInWithForm(page, 'oona');
  await readAndKeep(page, OPENED.subject, OPENED.body);
  const oonas = (await offlineDump(page)).names;
  // The cookie gone (expired, or cleared): the mail view sends the browser to the sign-in page.
  await context.clearCookies();
  await page.goto('/mail');
  await expect(page).toHaveURL(/\/login/);
  await expect.poll(async () => (await offlineDump(page)).names).toEqual([]);
  await signInHere(page, 'otis');
  await readAndKeep(page, OTIS.subject, OTIS.body);
  const dump = await offlineDump(page);
  expect(dump.names).toHaveLength(1);
  expect(dump.names).not.toEqual(oonas);

  await context.setOffline(true);
  await page.goto('/mail');
  await expect(row(page, OTIS.subject)).toBeVisible();
  await expect(page.getByText(OPENED.subject)).toHaveCount(0);
});

test('Settings, Offline: what this device keeps and its limit; Clear empties it, and the message is then not available offline', async ({ page, context }) => {
  await signIn(page, 'oona');
  await readAndKeep(page, OPENED.subject, OPENED.body);
  const messageUrl = page.url();
  await page.goto('/settings/offline');
  const usage = page.getByTestId('offline-usage');
  await expect(usage).toHaveText(/^[\d.]+ KB of 50 MB used: 1 message, 1 folder\.$/);
  await expect(page.getByLabel('Keep at most')).toHaveValue(String(50 * 1024 * 1024));

  await page.getByRole('button', { name: 'Clear mail kept on this device' }).click();
  await expect(usage).toHaveText('0 B of 50 MB used: 0 messages, 0 folders.');
  expect((await offlineDump(page)).kinds).toEqual([]);
  await page.getByLabel('Keep at most').selectOption({ label: 'Nothing (off)' });
  await expect(usage).toHaveText('0 B of nothing used: 0 messages, 0 folders.');

  // Off: reading it again keeps nothing, and offline it is not there.
  await page.goto(messageUrl);
  await expect(page.getByTestId('plain-body')).toContainText(OPENED.body);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
  await expect(page.getByText(OPENED.body)).toHaveCount(0);
  await context.setOffline(false);
  // On again for the other tests of this user.
  await page.goto('/settings/offline');
  await page.getByLabel('Keep at most').selectOption({ label: '50 MB' });
  await expect(usage).toContainText('of 50 MB used');
});

test('an attachment kept offline on the user’s say: encrypted with the rest, counted in Settings, and opened from the copy offline; one not kept says so', async ({ page, context }) => {
  await signIn(page, 'odile');
  await readAndKeep(page, WITH_FILES.subject, WITH_FILES.body);
  const attachments = page.getByRole('list', { name: 'Attachments' });
  await attachments.getByRole('button', { name: 'Keep morning.txt offline' }).click();
  await expect(attachments.getByText('Kept offline')).toHaveCount(1);
  await expect(attachments.getByRole('button', { name: 'Keep noon.txt offline' })).toBeVisible();
  const dump = await offlineDump(page);
  expect(dump.kinds).toEqual(['attachment', 'folders', 'list', 'message']);
  expect(dump.text).not.toContain(WITH_FILES.kept);
  expect(dump.text).not.toContain(Buffer.from(WITH_FILES.kept).toString('base64'));
  expect(dump.text).not.toContain('morning.txt');

  // Offline: the kept one downloads from the copy, the other says it is not kept.
  await context.setOffline(true);
  await page.reload();
  await expect(offlineBar(page)).toContainText('You are offline');
  await expect(page.getByTestId('plain-body')).toContainText(WITH_FILES.body);
  const downloading = page.waitForEvent('download');
  await attachments.getByRole('link', { name: /morning\.txt/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('morning.txt');
  const saved = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of saved) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe(WITH_FILES.kept);
  await attachments.getByRole('link', { name: /noon\.txt/ }).click();
  await expect(attachments.getByRole('status')).toHaveText('Not available offline: keep an attachment offline to open it without a connection.');

  await context.setOffline(false);
  await expect(offlineBar(page)).toHaveCount(0, { timeout: 30_000 });
  await page.goto('/settings/offline');
  await expect(page.getByTestId('offline-usage')).toHaveText(/used: 1 message, 1 folder, 1 attachment\.$/);
});
