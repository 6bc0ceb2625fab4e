import { expect, test, type Page } from '@playwright/test';
import { expectHydrated, PASSWORD, signInWithForm } from './helpers';

// This spec is about the service worker: it runs with it (the other specs block it, playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

// What Lighthouse checks on the mail view (#22, scripts/bench/lighthouse.mjs), as far as it is
// not a timing: the rows come with the server's HTML (the page's largest paint must not wait for
// its JavaScript), no console error on load, and a favicon where browsers look for one.
// lhasa holds carol's seed mail and only looks.
const USER = 'lhasa';

/**
 * Every Intl formatter built in `page`'s documents from now on, in order: the first one starts
 * ICU, tens of ms on a phone. One built while a form's submit event is dispatched is marked so.
 */
async function countIntl(page: Page): Promise<string[]> {
  const built: string[] = [];
  await page.exposeFunction('__intlBuilt', (what: string) => built.push(what));
  await page.addInitScript(() => {
    const report = (window as unknown as { __intlBuilt: (what: string) => void }).__intlBuilt;
    let submitting = false;
    addEventListener('submit', () => (submitting = true), true);
    addEventListener('submit', () => (submitting = false));
    for (const name of ['DateTimeFormat', 'NumberFormat'] as const) {
      const Original = Intl[name] as unknown as new (...args: unknown[]) => object;
      const Counted = function (this: unknown, ...args: unknown[]) {
        report(submitting ? `${name} while submitting` : name);
        return new Original(...args);
      } as unknown as typeof Intl.DateTimeFormat;
      Object.assign(Counted, { prototype: Original.prototype, supportedLocalesOf: (Original as unknown as typeof Intl.DateTimeFormat).supportedLocalesOf });
      (Intl as unknown as Record<string, unknown>)[name] = Counted;
    }
  });
  return built;
}

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
  const intl = await countIntl(page);
  await page.addInitScript(() => {
    const w = window as unknown as { __commits: boolean[] };
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
  const commits = await page.evaluate(() => (window as unknown as { __commits: boolean[] }).__commits);
  expect(intl).toEqual([]);
  expect(commits.length).toBeGreaterThan(1);
  expect(commits.filter(Boolean)).toEqual([]);
});

test.describe('in a time zone of its own', () => {
  test.use({ timezoneId: 'Pacific/Chatham' });

  test('submitting the sign-in starts no ICU: the browser’s time zone was read while the form waited (#22)', async ({ page }) => {
    const intl = await countIntl(page);
    await page.goto('/login');
    await page.getByLabel('Username').fill(USER);
    await page.getByLabel('Password').fill(PASSWORD);
    // Hydrated, then idle, as the form is while a person types.
    await expectHydrated(page, page.getByRole('form', { name: 'Sign in' }));
    await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => setTimeout(resolve, 0))));
    const post = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/session');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await post).postDataJSON().timeZone).toBe('Pacific/Chatham');
    await expect(page.getByTestId('message-row').first()).toBeVisible();
    // The one formatter is the sign-in page's, built while idle; the submit and the mail view's load built none.
    expect(intl).toEqual(['DateTimeFormat']);
  });
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
