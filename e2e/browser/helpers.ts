import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'secret';

/** Signs in through the real form and waits for the folder tree and the Inbox list. */
export async function signIn(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/mail$/);
  await expect(page.locator('[role="tree"]')).toBeAttached();
  await expect(page.getByRole('region', { name: 'Message list' }).getByRole('heading', { name: 'Inbox' })).toBeVisible();
}

/** The list row whose subject is exactly `subject`. */
export function row(page: Page, subject: string) {
  const exact = new RegExp(`^${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.getByTestId('message-row').filter({ has: page.locator('.message-subject', { hasText: exact }) });
}

export async function openFolder(page: Page, path: string) {
  await page.locator(`[data-folder-path="${path}"]`).click();
}
