import { expect, test } from '@playwright/test';
import { countHeaderFetches } from '../support/dovecot';
import { openFolder, row, signIn } from './helpers';

test('a 10,000-message folder opens with one window, and scrolling reaches the oldest message', async ({ page }) => {
  await signIn(page, 'bulk');
  const before = countHeaderFetches('bulk');
  await openFolder(page, 'Big');
  await expect(row(page, 'Bulk message #10000')).toBeVisible();
  // Only the first page or two of headers, never the folder.
  expect(countHeaderFetches('bulk') - before).toBeLessThanOrEqual(100);
  const scroller = page.getByTestId('message-scroller');
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(row(page, 'Bulk message #1')).toBeVisible();
  expect(countHeaderFetches('bulk') - before).toBeLessThanOrEqual(300);
});
