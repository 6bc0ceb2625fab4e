import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'secret';

/** Where the setup project (auth.setup.ts) keeps `user`'s signed-in storage state. */
export function authStatePath(user: string): string {
  const stack = process.env.WREN_STACK_DIR ?? join(process.cwd(), '.wren/test');
  return join(stack, 'e2e-auth', `${user}.json`);
}

export function ensureDirOf(file: string) {
  mkdirSync(dirname(file), { recursive: true });
}

/**
 * A page is hydrated: React has taken over the server's HTML (its props are on `target`, by
 * default the mail view's folder tree), so the keys and clicks a test sends next reach their
 * handlers. The server renders the first rows (#22), so rows on screen no longer mean the
 * scripts have run. On a form it matters twice: what is typed before hydration stays in the
 * field, but not in React's state, while a click on Save is replayed after it, so the form saves
 * what it held before (settings-follow.spec saved an empty display name this way in CI28/CI29).
 */
export async function expectHydrated(page: Page, target = page.locator('[role="tree"]')) {
  await expect
    .poll(() => target.evaluate((el) => Object.keys(el).some((key) => key.startsWith('__reactProps'))), { timeout: 20_000 })
    .toBe(true);
}

async function expectMailView(page: Page) {
  await expect(page).toHaveURL(/\/mail$/);
  await expect(page.locator('[role="tree"]')).toBeAttached();
  await expect(page.getByRole('region', { name: 'Message list' }).getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expectHydrated(page);
}

/** Signs in through the real form and waits for the folder tree and the Inbox list. */
export async function signInWithForm(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectMailView(page);
}

/**
 * Opens the mail view signed in as `username`. The setup project signed every spec's user in once
 * through the form and saved the storage state (the session cookie): a test starts from it, with
 * no form and no IMAP login of its own. A user with no saved state signs in through the form.
 * A test that signs out must use signInWithForm, or later tests would find the session revoked.
 */
export async function signIn(page: Page, username: string) {
  const state = authStatePath(username);
  if (!existsSync(state)) return signInWithForm(page, username);
  await page.context().addCookies(JSON.parse(readFileSync(state, 'utf8')).cookies);
  await page.goto('/mail');
  await expectMailView(page);
}

/** The list row whose subject is exactly `subject`. */
export function row(page: Page, subject: string) {
  const exact = new RegExp(`^${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.getByTestId('message-row').filter({ has: page.locator('.message-subject', { hasText: exact }) });
}

export async function openFolder(page: Page, path: string) {
  await page.locator(`[data-folder-path="${path}"]`).click();
}
