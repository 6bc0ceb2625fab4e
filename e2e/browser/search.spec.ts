import { expect, test } from '@playwright/test';
import { rawImap } from '../support/dovecot';
import { openFolder, row, signIn } from './helpers';

// A user of this spec's own (carol's seed mail): specs run side by side.
const USER = 'sam';

test.describe('search in a folder', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, USER);
  });

  test('/ focuses the box; results show in the list with removable chips', async ({ page }) => {
    await page.locator('body').press('/');
    const box = page.getByLabel('Search mail');
    await expect(box).toBeFocused();
    await box.fill('from:olivia');
    await box.press('Enter');
    await expect(page.getByRole('heading', { name: 'Search in Inbox' })).toBeVisible();
    await expect(page.getByTestId('message-row')).toHaveCount(2);
    await expect(row(page, 'Plain hello')).toHaveCount(1);
    await page.getByRole('button', { name: 'Remove From: olivia' }).click();
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
    await expect(page.getByTestId('message-row')).not.toHaveCount(2);
  });

  test('the advanced form explains what "Has attachment" (has:attachment) can match on IMAP', async ({ page }) => {
    await page.getByRole('search').getByRole('button', { name: 'Advanced' }).click();
    const form = page.getByRole('form', { name: 'Advanced search' });
    const check = form.getByRole('checkbox', { name: 'Has attachment' });
    // Read with the checkbox: what Wren searches for, what it misses, what it matches too.
    await expect(check).toHaveAccessibleDescription(/IMAP has no search for attachments.*multipart\/mixed.*has:attachment/);
    await expect(check).toHaveAccessibleDescription(/misses a message that is only a file.*signed or encrypted/);
    await expect(check).toHaveAccessibleDescription(/also finds mixed messages with nothing attached/);
    await expect(form.getByText(/top-level type is multipart\/mixed/)).toBeVisible();
  });

  test('a malformed query is explained next to the box and never sent', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('q=')) requests.push(r.url());
    });
    const box = page.getByLabel('Search mail');
    await box.fill('from:olivia (is:unread');
    await box.press('Enter');
    await expect(page.getByRole('search').locator('..').getByRole('alert')).toContainText(/at character \d+/);
    expect(requests).toEqual([]);
  });

  test('search results take organize actions: archive all results', async ({ page }) => {
    await openFolder(page, 'Work');
    const box = page.getByLabel('Search mail');
    await box.fill('quokka');
    await box.press('Enter');
    await expect(page.getByTestId('message-row')).toHaveCount(1);
    await page.getByRole('toolbar', { name: 'Message actions' }).getByLabel('Select all messages in this folder').check();
    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Archive' }).click();
    const client = await rawImap(USER);
    try {
      // Only the result moved, not the whole folder.
      const inWork = async () => {
        const status = await client.status('Work', { messages: true });
        return status ? status.messages : -1;
      };
      await expect.poll(inWork).toBe(1);
    } finally {
      await client.logout();
    }
  });
});
