import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTcpProxy } from '../support/tcp-proxy';
import { killWren, prepareStandalone, startWren, type Wren } from '../support/wren-process';
import { PASSWORD } from './helpers';

/*
 * A new version of Wren is deployed while a tab is open (#19). Two deployments side by side, as
 * docs/DEPLOY.md installs them: the standalone build, and a copy of it with another BUILD_ID,
 * which is what a new `next build` changes in every case (the worker's cache is named after it:
 * lib/pwa/service-worker.ts). The browser reaches them through a TCP proxy that plays the load
 * balancer moving to the new processes. The open page must say a new version is ready, keep
 * running the old one until the user says Reload, and then run the new one with the old cache gone.
 */

const USER = 'wrenup';

const cacheNames = (page: Page) => page.evaluate(async () => (await caches.keys()).sort());

test('a new build deployed: the open page says so, keeps its version until the user presses Reload, then reloads under the new one', async ({ page }) => {
  test.setTimeout(180_000);
  const before = readFileSync(join(prepareStandalone(), '.next/BUILD_ID'), 'utf8').trim();
  const after = `${before}-next`;
  const copy = mkdtempSync(join(tmpdir(), 'wren-next-release-'));
  let a: Wren | undefined;
  let b: Wren | undefined;
  try {
    cpSync(join(process.cwd(), '.next/standalone'), copy, { recursive: true });
    writeFileSync(join(copy, '.next/BUILD_ID'), after);
    a = await startWren({ standalone: true });
    b = await startWren({ standaloneDir: copy });
    const proxy = await startTcpProxy(a.port);
    try {
      await page.goto(`${proxy.url}/login`);
      await page.getByLabel('Username').fill(USER);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('region', { name: 'Message list' }).getByRole('heading', { name: 'Inbox' })).toBeVisible();
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.reload();
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      expect(await cacheNames(page)).toEqual([`wren-shell-${before}`]);
      const bar = page.getByRole('status').filter({ hasText: 'A new version of Wren is ready' });
      await expect(bar).toHaveCount(0);

      // The new release takes over; the old processes stop (their connections drop with them).
      proxy.retarget(b.port);
      killWren(a);
      await a.exited;
      // What the browser does on its own at the next page load, and the page every hour.
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      await expect(bar).toBeVisible();
      // Installed beside the running version, which still serves this page: nothing reloads by itself.
      expect(await cacheNames(page)).toEqual([`wren-shell-${before}`, `wren-shell-${after}`].sort());
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting && !!r.active))).toBe(true);
      await page.evaluate(() => Object.assign(window, { wrenOldPage: true }));

      await Promise.all([page.waitForEvent('load'), bar.getByRole('button', { name: 'Reload' }).click()]);
      expect(await page.evaluate(() => 'wrenOldPage' in window)).toBe(false);
      await expect(page.getByRole('region', { name: 'Message list' }).getByRole('heading', { name: 'Inbox' })).toBeVisible();
      await expect(bar).toHaveCount(0);
      expect(await cacheNames(page)).toEqual([`wren-shell-${after}`]);
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !r?.waiting && !!navigator.serviceWorker.controller))).toBe(true);
    } finally {
      await proxy.close();
    }
  } finally {
    killWren(a);
    killWren(b);
    rmSync(copy, { recursive: true, force: true });
  }
});
