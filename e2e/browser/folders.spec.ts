import { expect, test } from '@playwright/test';
import { rawImap, unseenCount } from '../support/dovecot';
import { expectHydrated, signIn } from './helpers';

// A user of this spec's own (carol's seed mail): specs run side by side.
const USER = 'cleo';

test('folder tree: roles first by name, hierarchy indented, unread counts as on the server', async ({ page }) => {
  await signIn(page, USER);
  const tree = page.getByRole('tree', { name: 'Folder tree' });
  const names = await tree.locator('.folder-name').allTextContents();
  expect(names.slice(0, 6)).toEqual(['Inbox', 'Drafts', 'Sent', 'Archive', 'Junk', 'Trash']);
  const projects = tree.getByRole('treeitem').filter({ has: page.locator('[data-folder-path="Work/Projects"]') });
  await expect(projects).toHaveAttribute('aria-level', '2');
  await expect(projects.locator('.folder-name')).toHaveText('Projects');

  const client = await rawImap(USER);
  const unseen = await unseenCount(client, 'INBOX');
  await client.logout();
  expect(unseen).toBeGreaterThan(0);
  await expect(page.locator('[data-folder-path="INBOX"] .unread-count')).toHaveText(String(unseen));
});

test('moving through the list (j) does not render the folder tree again', async ({ page }) => {
  await signIn(page, USER);
  await expectHydrated(page);
  const rows = page.getByRole('list', { name: 'Messages' }).getByRole('link');
  // The props React last rendered each folder item with (the element's React props object): a
  // new object each time the tree renders, the same one while it is skipped.
  const folderProps = () =>
    page.evaluate(() => {
      const items = [...document.querySelectorAll('[data-folder-path]')] as unknown as Record<string, unknown>[];
      const key = Object.keys(items[0] ?? {}).find((k) => k.startsWith('__reactProps$'))!;
      const w = window as unknown as { __folderProps?: unknown[] };
      const before = w.__folderProps;
      w.__folderProps = items.map((item) => item[key]);
      return { count: items.length, kept: before ? w.__folderProps.filter((props, i) => props === before[i]).length : -1 };
    });
  await page.keyboard.press('j');
  await expect(rows.nth(1)).toBeFocused();
  // j then k (the cursor moves twice, the view renders twice); retried while something else (the
  // live stream's first counts) renders the tree meanwhile.
  await expect(async () => {
    await folderProps();
    await page.keyboard.press('j');
    await expect(rows.nth(2)).toBeFocused();
    await page.keyboard.press('k');
    await expect(rows.nth(1)).toBeFocused();
    const { count, kept } = await folderProps();
    expect(count).toBeGreaterThan(5);
    expect(kept).toBe(count);
  }).toPass({ timeout: 15_000 });
});
