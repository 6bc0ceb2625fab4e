import { expect, test } from '@playwright/test';
import { authStatePath, signIn } from './helpers';

// The settings page's shell (the sections themselves have their own specs). carol only reads.

test('Settings opens from the mail view, names the section in its URL, and says where settings are kept', async ({ page }) => {
  await signIn(page, 'carol');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const menu = page.getByRole('navigation', { name: 'Settings' });
  await expect(menu.getByRole('link', { name: 'Account' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Account', level: 2 })).toBeVisible();
  await expect(page.getByText('Signed in as carol.')).toBeVisible();
  // The test Dovecot offers METADATA: the settings are on the mail server.
  await expect(page.getByTestId('settings-storage')).toHaveText(/kept on your mail server/);
  await expect(page.getByRole('meter')).toBeVisible();
  await menu.getByRole('link', { name: '← Back to mail' }).click();
  await expect(page).toHaveURL(/\/mail$/);
});

test('an unknown section is not found; signed out, a settings link goes through sign-in and back', async ({ page, browser }) => {
  await signIn(page, 'carol');
  const missing = await page.goto('/settings/nope');
  expect(missing?.status()).toBe(404);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/settings/account');
  await expect(other).toHaveURL(/\/login\?next=%2Fsettings%2Faccount$/);
  await other.getByLabel('Username').fill('carol');
  await other.getByLabel('Password').fill('secret');
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other).toHaveURL(/\/settings\/account$/);
  await expect(other.getByText('Signed in as carol.')).toBeVisible();
  await fresh.close();
});

test('before its scripts have run, the settings cannot be changed (what was typed then would be lost on Save); after, they can', async ({ page, browser }) => {
  // The page as it is before hydration: its inline scripts run (React's streaming puts the
  // sections in place), its script files never arrive.
  const noScripts = await browser.newContext({ storageState: authStatePath('carol') });
  await noScripts.route('**/_next/static/chunks/**', (route) => route.abort());
  const early = await noScripts.newPage();
  await early.goto('/settings/general');
  await expect(early.getByRole('heading', { name: 'General', level: 2 })).toBeVisible();
  await expect(early.getByLabel('Display name')).toBeDisabled();
  await expect(early.getByRole('radio', { name: 'Compact' })).toBeDisabled();
  await expect(early.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  // The menu's links still go.
  await expect(early.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Account' })).toBeEnabled();
  await noScripts.close();

  await signIn(page, 'carol');
  await page.goto('/settings/general');
  await expect(page.getByLabel('Display name')).toBeEditable();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
});
