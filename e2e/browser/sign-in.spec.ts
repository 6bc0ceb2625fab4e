import { expect, test } from '@playwright/test';
import { startDovecot, stopDovecot } from '../support/dovecot';
import { PASSWORD, signInWithForm } from './helpers';

test.describe('sign in and out', () => {
  test('right password -> the Inbox list', async ({ page }) => {
    await signInWithForm(page, 'carol');
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  });

  test('wrong password -> "Wrong username or password" on the form, username kept', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Username').fill('carol');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Wrong username or password');
    await expect(page.getByLabel('Username')).toHaveValue('carol');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('mail server down -> "Mail server unavailable", username kept, no stack trace', async ({ page }) => {
    await page.goto('/login');
    stopDovecot();
    try {
      await page.getByLabel('Username').fill('carol');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Mail server unavailable');
      await expect(page.getByLabel('Username')).toHaveValue('carol');
      await expect(page.locator('body')).not.toContainText(/at .*\.(js|ts):\d+/);
    } finally {
      startDovecot();
    }
  });

  test('sign out ends the session on the server: the old cookie replayed gets 401', async ({ page, context }) => {
    await signInWithForm(page, 'carol');
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'wren_session');
    expect(cookie.httpOnly).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await expect(page).toHaveURL(/\/login$/);
    const replay = await page.request.get('/api/folders', { headers: { cookie: `wren_session=${cookie.value}` } });
    expect(replay.status()).toBe(401);
    expect(await replay.json()).toEqual({ error: { code: 'unauthorized', message: 'Not signed in' } });
  });
});
