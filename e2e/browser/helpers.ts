import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'secret';

/** Signs in through the real form and waits for the first rows of the Inbox. */
export async function signIn(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/mail$/);
  await expect(page.getByTestId('message-row').first()).toBeVisible();
}

/** The list row whose subject is exactly `subject`. */
export function row(page: Page, subject: string) {
  return page.getByTestId('message-row').filter({ has: page.locator('.message-subject', { hasText: subject }) });
}

export async function openFolder(page: Page, path: string) {
  await page.locator(`[data-folder-path="${path}"]`).click();
}
