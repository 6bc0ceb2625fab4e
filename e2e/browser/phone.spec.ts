import { expect, test } from '@playwright/test';
import { row, signIn } from './helpers';

// A user of this spec's own (carol's seed mail): specs run side by side.
const USER = 'pia';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('at phone width: one pane at a time, folders -> list -> message -> back', async ({ page }) => {
  await signIn(page, USER);
  const folders = page.getByRole('complementary', { name: 'Folders' });
  const list = page.getByRole('region', { name: 'Message list' });
  const message = page.getByRole('main', { name: 'Message' });
  await expect(list).toBeVisible();
  await expect(folders).toBeHidden();
  await expect(message).toBeHidden();

  await page.getByRole('button', { name: 'Show folders' }).click();
  await expect(folders).toBeVisible();
  await expect(list).toBeHidden();
  await page.locator('[data-folder-path="Work/Projects"]').click();

  await expect(list).toBeVisible();
  await expect(folders).toBeHidden();
  await expect(list.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await row(page, 'Project Xylophone kickoff').click();

  await expect(message).toBeVisible();
  await expect(list).toBeHidden();
  await expect(page.getByTestId('message-subject')).toHaveText('Project Xylophone kickoff');
  await page.getByRole('button', { name: '← Back' }).click();
  await expect(list).toBeVisible();
  await expect(message).toBeHidden();
});

test('at tablet width: list and message side by side, folders on demand', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page, USER);
  await row(page, 'Plain hello').click();
  await expect(page.getByRole('region', { name: 'Message list' })).toBeVisible();
  await expect(page.getByRole('main', { name: 'Message' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Folders' })).toBeHidden();
});
