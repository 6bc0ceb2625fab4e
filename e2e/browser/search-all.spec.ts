import { expect, test, type Page } from '@playwright/test';
import { rawImap } from '../support/dovecot';
import { row, signIn } from './helpers';

// A user of this spec's own (carol's seed mail): specs run side by side.
const USER = 'sal';

// The seed fixtures: "Project Xylophone kickoff" is in the nested folder Work/Projects.

async function searchAll(page: Page, q: string) {
  await page.getByLabel('Search scope').selectOption('all');
  const box = page.getByLabel('Search mail');
  await box.fill(q);
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: 'Search in all folders' })).toBeVisible();
}

test.describe('search in all folders', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, USER);
  });

  test('finds a message in a nested folder, labelled with its folder, and opens it', async ({ page }) => {
    await searchAll(page, 'xylophone');
    await expect(page.getByTestId('message-row')).toHaveCount(1);
    await expect(row(page, 'Project Xylophone kickoff').getByTestId('row-folder')).toHaveText('Projects');
    await row(page, 'Project Xylophone kickoff').getByRole('link', { name: /Project Xylophone kickoff/ }).click();
    await expect(page.getByTestId('message-subject')).toHaveText('Project Xylophone kickoff');
  });

  test('the advanced form builds the query and the scope', async ({ page }) => {
    await page.getByRole('button', { name: 'Advanced' }).click();
    const form = page.getByRole('form', { name: 'Advanced search' });
    await form.getByLabel('From').fill('priya');
    await form.getByLabel('Search in').selectOption('all');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByLabel('Search mail')).toHaveValue('from:priya');
    await expect(page.getByRole('heading', { name: 'Search in all folders' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Remove From: priya' })).toBeVisible();
    // Newest first across folders: July's kickoff before June's migration plan.
    await expect(page.locator('.message-subject')).toHaveText(['Project Xylophone kickoff', 'Quokka migration plan']);
  });

  test('a search replaced by a newer one never shows its results', async ({ page }) => {
    // The first search's answer is held back until after the second one has shown.
    let released: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (released = resolve));
    await page.route(/\/api\/search\?q=quokka/, async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response }).catch(() => undefined);
    });
    await searchAll(page, 'quokka');
    const box = page.getByLabel('Search mail');
    await box.fill('xylophone');
    await box.press('Enter');
    await expect(row(page, 'Project Xylophone kickoff')).toHaveCount(1);
    released();
    await page.waitForTimeout(500);
    await expect(page.getByTestId('message-row')).toHaveCount(1);
    await expect(row(page, 'Quokka migration plan')).toHaveCount(0);
  });

  test('results from several folders take organize actions: archive them all', async ({ page }) => {
    const word = `zebrafish${Date.now()}`;
    const client = await rawImap(USER);
    const mail = (subject: string) =>
      `From: Zed <zed@example.org>\r\nTo: carol@example.com\r\nSubject: ${subject} ${word}\r\nDate: Mon, 1 Sep 2025 10:00:00 +0000\r\n\r\nbody\r\n`;
    try {
      await client.append('INBOX', mail('In the inbox'));
      await client.append('Work/Projects', mail('In projects'));
      await searchAll(page, word);
      await expect(page.getByTestId('message-row')).toHaveCount(2);
      const toolbar = page.getByRole('toolbar', { name: 'Message actions' });
      await toolbar.getByLabel('Select all messages in this folder').check();
      await toolbar.getByRole('button', { name: 'Archive' }).click();
      await expect(page.getByRole('status').filter({ hasText: '2 messages archived' })).toBeVisible();
      const count = async (folder: string) => {
        const lock = await client.getMailboxLock(folder);
        try {
          return ((await client.search({ subject: word }, { uid: true })) || []).length;
        } finally {
          lock.release();
        }
      };
      await expect.poll(() => count('Archives')).toBe(2);
      expect(await count('INBOX')).toBe(0);
      expect(await count('Work/Projects')).toBe(0);
    } finally {
      await client.logout();
    }
  });
});
