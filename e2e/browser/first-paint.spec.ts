import { expect, test } from '@playwright/test';
import { PASSWORD, signInWithForm } from './helpers';

// This spec is about the service worker: it runs with it (the other specs block it, playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

// What Lighthouse checks on the mail view (#22, scripts/bench/lighthouse.mjs), as far as it is
// not a timing: the rows come with the server's HTML (the page's largest paint must not wait for
// its JavaScript), no console error on load, and a favicon where browsers look for one.
// lhasa holds carol's seed mail and only looks.
const USER = 'lhasa';

test('/favicon.ico is served', async ({ request }) => {
  const response = await request.get('/favicon.ico');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  // An ICO: reserved 0, type 1 (icon), at least one image.
  const body = await response.body();
  expect(body.readUInt16LE(0)).toBe(0);
  expect(body.readUInt16LE(2)).toBe(1);
  expect(body.readUInt16LE(4)).toBeGreaterThan(0);
});

test('the mail view: rows in the server HTML, no console error while it loads and hydrates', async ({ page }) => {
  await signInWithForm(page, USER);

  // The document as the server sends it, before any script: the first rows are in it.
  const html = await (await page.request.get('/mail')).text();
  expect(html).toContain('data-testid="message-row"');
  expect(html).toContain('Plain hello');

  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  const quota = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/quota');
  await page.goto('/mail');
  const firstRow = page.getByTestId('message-row').first();
  await expect(firstRow).toBeVisible();
  // Hydrated: React has attached its fiber to the server-rendered row (a mismatch would have
  // logged an error and rendered it again on the client).
  await expect.poll(() => firstRow.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber')))).toBe(true);
  // The mail view's own first request after hydration has been answered.
  await quota;
  expect(errors).toEqual([]);
});

test('the mail view loads without starting ICU, and no render of its load runs inside another commit (#22)', async ({ page }) => {
  await signInWithForm(page, USER);
  await page.addInitScript(() => {
    const w = window as unknown as { __intl: string[]; __commits: boolean[] };
    // Every Intl formatter the page builds: the first one starts ICU, tens of ms on a phone.
    w.__intl = [];
    for (const name of ['DateTimeFormat', 'NumberFormat'] as const) {
      const Original = Intl[name] as unknown as new (...args: unknown[]) => object;
      const Counted = function (this: unknown, ...args: unknown[]) {
        w.__intl.push(name);
        return new Original(...args);
      } as unknown as typeof Intl.DateTimeFormat;
      Object.assign(Counted, { prototype: Original.prototype, supportedLocalesOf: (Original as unknown as typeof Intl.DateTimeFormat).supportedLocalesOf });
      (Intl as unknown as Record<string, unknown>)[name] = Counted;
    }
    // React's commits, as React DevTools sees them: `true` for a commit made before the task of
    // the previous one ended (no microtask checkpoint between): a render run synchronously in
    // another's commit, which makes the two (and every effect flushed before) one long task.
    w.__commits = [];
    let inCommitTask = false;
    (window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE() {},
      onScheduleFiberRoot() {},
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      onCommitFiberRoot() {
        w.__commits.push(inCommitTask);
        if (inCommitTask) return;
        inCommitTask = true;
        queueMicrotask(() => (inCommitTask = false));
      },
    };
  });
  await page.goto('/mail');
  const firstRow = page.getByTestId('message-row').first();
  await expect(firstRow).toBeVisible();
  await expect.poll(() => firstRow.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber')))).toBe(true);
  // The rows' dates are the server's (lib/format.ts, ListDateSeed), in the list as it hydrated.
  await expect(firstRow.locator('time')).toHaveText(/\S/);
  // The page's load is over: its idle work (fetches ahead, lazy modules) has run.
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => setTimeout(resolve, 500))));
  const { intl, commits } = await page.evaluate(() => {
    const w = window as unknown as { __intl: string[]; __commits: boolean[] };
    return { intl: w.__intl, commits: w.__commits };
  });
  expect(intl).toEqual([]);
  expect(commits.length).toBeGreaterThan(1);
  expect(commits.filter(Boolean)).toEqual([]);
});

test('the sign-in page installs no service worker (its precache would compete with the sign-in); the mail view does', async ({ page }) => {
  await page.goto('/login');
  // Loaded, then idle: where the page would register a worker (lib/pwa/boot.ts).
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => setTimeout(resolve, 0))));
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.scope ?? null))).toBeNull();

  await page.getByLabel('Username').fill(USER);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('message-row').first()).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.scriptURL))).toBe(new URL('/sw.js', page.url()).href);
});
