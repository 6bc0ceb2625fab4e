import { expect, test } from '@playwright/test';
import { rawImap, unseenCount } from '../support/dovecot';
import { signIn } from './helpers';

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
