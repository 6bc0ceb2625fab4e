import { expect, test, type Page } from '@playwright/test';
import { rawImap } from '../support/dovecot';
import { signIn } from './helpers';

const USER = 'fay';

async function serverFolders(): Promise<Map<string, boolean>> {
  const client = await rawImap(USER);
  try {
    // imapflow leaves `subscribed` undefined for an unsubscribed folder.
    return new Map((await client.list()).map((f) => [f.path, f.subscribed === true]));
  } finally {
    await client.logout();
  }
}

/** Answers Wren's own name dialog (a native modal <dialog>, components/ui/ask-dialog.ts). */
async function answer(page: Page, title: string, name: string) {
  const dialog = page.getByRole('dialog', { name: title });
  const field = dialog.getByRole('textbox');
  await expect(field).toBeFocused();
  await field.fill(name);
  await field.press('Enter');
  await expect(dialog).toHaveCount(0);
}

test('create, rename, unsubscribe and delete a folder from the tree; special folders cannot be renamed', async ({ page }) => {
  await signIn(page, USER);
  const name = `Receipts ${Date.now() % 100000}`;
  const newFolder = page.getByRole('button', { name: '+ New folder' });
  await newFolder.click();
  await answer(page, 'New folder', name);
  // Focus is back on what opened the dialog.
  await expect(newFolder).toBeFocused();
  await expect(page.locator(`[data-folder-path="${name}"]`)).toBeVisible();
  expect((await serverFolders()).get(name)).toBe(true);

  await page.getByRole('button', { name: `Folder actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  await answer(page, `Rename "${name}"`, `${name} 2025`);
  await expect(page.locator(`[data-folder-path="${name} 2025"]`)).toBeVisible();
  await expect.poll(async () => (await serverFolders()).has(`${name} 2025`)).toBe(true);
  expect((await serverFolders()).has(name)).toBe(false);

  await page.getByRole('button', { name: `Folder actions for ${name} 2025` }).click();
  await page.getByRole('menuitem', { name: 'Unsubscribe' }).click();
  await expect(page.locator(`[data-folder-path="${name} 2025"]`)).toHaveCount(0);
  await expect.poll(async () => (await serverFolders()).get(`${name} 2025`)).toBe(false);
  await page.getByLabel('Show unsubscribed').check();
  await expect(page.locator(`[data-folder-path="${name} 2025"]`)).toBeVisible();

  await page.getByRole('button', { name: `Folder actions for ${name} 2025` }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete the folder "${name} 2025"?` });
  await expect(confirm).toContainText('It holds 0 messages');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator(`[data-folder-path="${name} 2025"]`)).toHaveCount(0);
  await expect.poll(async () => (await serverFolders()).has(`${name} 2025`)).toBe(false);

  await page.getByRole('button', { name: 'Folder actions for Sent' }).click();
  // Special folders can still be shared (e2e/browser/shared.spec.ts).
  await expect(page.getByRole('menuitem')).toHaveText(['New subfolder…', 'Share folder…']);
});

test('an invalid folder name gets a clear error and creates nothing', async ({ page }) => {
  await signIn(page, USER);
  const before = await serverFolders();
  await page.getByRole('button', { name: '+ New folder' }).click();
  await answer(page, 'New folder', 'a/b');
  await expect(page.getByRole('alert').filter({ hasText: 'cannot contain "/"' })).toBeVisible();
  expect([...(await serverFolders()).keys()].sort()).toEqual([...before.keys()].sort());
});
