import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { rawImap } from '../support/dovecot';
import { generatedCorpus } from '../corpus/generated';
import { openFolder, signIn } from './helpers';

// A user of this spec's own, with no seed mail: specs run side by side.
const USER = 'cori';

// The hostile corpus (e2e/corpus/*.eml): every message is opened in Chromium while every request
// that would leave Wren is intercepted. For each: nothing leaves, no dialog opens, the marker
// (window.__wrenPwned) is never set in the page or any frame, and Wren stays usable and answers.

const DIR = join(process.cwd(), 'e2e/corpus');
const files = readdirSync(DIR).filter((f) => f.endsWith('.eml')).sort();

test('the hostile corpus renders inert', async ({ page }) => {
  test.setTimeout(240_000);
  // Plus the two too big to keep in the repository, built now: 10,000 nested parts and 50 MB.
  const generated = generatedCorpus();
  const count = files.length + generated.length;
  expect(files.length).toBeGreaterThanOrEqual(40);
  const folder = `Corpus${Date.now()}`;
  const client = await rawImap(USER);
  try {
    await client.mailboxCreate(folder);
    await client.mailboxSubscribe(folder);
    // Oldest first, so the list (newest first) shows them in reverse: opened from the bottom up.
    for (const file of files) await client.append(folder, readFileSync(join(DIR, file)));
    for (const message of generated) await client.append(folder, message.raw);
  } finally {
    await client.logout();
  }

  const external: string[] = [];
  await page.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:' && url.protocol !== 'blob:',
    (route) => {
      external.push(route.request().url());
      return route.abort();
    },
  );
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const pwned = async () => {
    const marks = await Promise.all(page.frames().map((f) => f.evaluate(() => (window as unknown as { __wrenPwned?: number }).__wrenPwned ?? null).catch(() => null)));
    return marks.filter((m) => m !== null);
  };

  await signIn(page, USER);
  await openFolder(page, folder);
  await expect(page.getByRole('region', { name: 'Message list' }).locator('header')).toContainText(String(count));
  await page.getByTestId('message-row').first().getByRole('link').click();
  const opened: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) await page.locator('body').press('j');
    // The message (or a clear error) shows within the usual bounds.
    const view = page.getByRole('main', { name: 'Message' });
    await expect(view.getByTestId('message-subject').or(view.getByRole('alert'))).toBeVisible();
    await page.waitForTimeout(150);
    opened.push((await view.getByTestId('message-subject').textContent().catch(() => 'error')) ?? '');
    expect({ file: opened.at(-1), external, dialogs, pwned: await pwned() }).toEqual({ file: opened.at(-1), external: [], dialogs: [], pwned: [] });
  }
  expect(new Set(opened).size).toBe(count);
  // Still usable: the folder tree and the list answer.
  await openFolder(page, 'INBOX');
  await expect(page.getByRole('region', { name: 'Message list' }).getByRole('heading', { name: 'Inbox' })).toBeVisible();
});
