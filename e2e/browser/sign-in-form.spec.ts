import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SERVER_LOG } from '../../playwright.config';
import { PASSWORD } from './helpers';

// The sign-in form before (or without) its JavaScript: a slow phone, a blocked script. It must
// post, never put the credentials in a URL, and still sign in.
const USER = 'nojs';
const WRONG = `wrong-${Date.now()}`;

test.use({ javaScriptEnabled: false });

test('without JavaScript the form posts: no credential in any URL, the history or the log', async ({ page }) => {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));

  await page.goto('/login');
  await page.getByLabel('Username').fill(USER);
  await page.getByLabel('Password').fill(WRONG);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Refused: back on the form, told why.
  await expect(page).toHaveURL(/\/login\?error=auth_failed$/);
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password');

  await page.getByLabel('Username').fill(USER);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/mail$/);
  // The server-rendered mail view: signed in.
  await expect(page.getByRole('region', { name: 'Message list' }).getByRole('heading', { name: 'Inbox' })).toBeVisible();

  const entries = await page.evaluate(() => window.history.length);
  expect(entries).toBeGreaterThan(1);
  for (const url of urls) {
    expect(url).not.toContain(WRONG);
    expect(url).not.toContain(PASSWORD);
    expect(url).not.toContain('password');
  }
  expect(readFileSync(SERVER_LOG, 'utf8')).not.toContain(WRONG);
});

test('without JavaScript a link to a message still goes through sign-in to it', async ({ page }) => {
  await page.goto('/mail/Work');
  await expect(page).toHaveURL(/\/login\?next=%2Fmail%2FWork$/);
  await page.getByLabel('Username').fill(USER);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/mail\/Work$/);
});
