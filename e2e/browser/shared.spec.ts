import { expect, test, type Page } from '@playwright/test';
import { hasFlag, rawImap, rawImapSession, uidsWithSubject } from '../support/dovecot';
import { row, signIn } from './helpers';

// Shared and public folders (RFC 2342 NAMESPACE, RFC 4314 ACL), this spec's own users
// (scripts/test-stack.sh): ana shares her seeded Team folder with ben (see, mark read, star: no
// delete); ana shares Projects with cyd here, from the UI; everyone sees Public/Announcements,
// read-only. Each test sets the state it starts from, so the spec runs again on the same stack.

const TEAM = 'shared/ana/Team';
const PROJECTS = 'shared/ana/Projects';
const PUBLIC = 'Public/Announcements';

/** The rows of the folder tree as read: a folder's name, or a heading's text. */
async function treeRows(page: Page): Promise<string[]> {
  const tree = page.getByRole('tree', { name: 'Folder tree' });
  return tree.getByRole('treeitem').evaluateAll((items) => items.map((i) => (i.querySelector('.folder-name') ?? i).textContent?.trim() ?? ''));
}

/** Whether `subject` in `folder` is \Seen for `user`, as the server says (\Seen is each reader's own there). */
async function seenBy(user: string, folder: string, subject: string): Promise<boolean> {
  const client = await rawImap(user);
  try {
    const [uid] = await uidsWithSubject(client, folder, subject);
    return await hasFlag(client, uid, '\\Seen');
  } finally {
    await client.logout();
  }
}

test('ben sees ana’s Team under her name and reads in it, with no Delete; the public folder is read-only', async ({ page }) => {
  // Unread for ben again: his \Seen flags in ana's folder are his own (INDEXPVT).
  const reset = await rawImapSession('ben', [`SELECT ${TEAM}`, 'UID STORE 1:* -FLAGS.SILENT (\\Seen)']);
  expect(reset).toMatch(/^c1 OK/m);
  await signIn(page, 'ben');

  // His own folders, then "Shared with me" with ana's name over her folder, then the public ones.
  const rows = await treeRows(page);
  const at = (text: string) => rows.indexOf(text);
  expect(at('Inbox')).toBe(0);
  expect(at('Shared with me')).toBeGreaterThan(at('Trash'));
  expect([at('ana'), at('Team'), at('Public folders'), at('Announcements')]).toEqual([at('Shared with me') + 1, at('Shared with me') + 2, at('Shared with me') + 3, at('Shared with me') + 4]);
  const team = page.getByRole('treeitem').filter({ has: page.locator(`[data-folder-path="${TEAM}"]`) });
  await expect(team).toHaveAttribute('aria-level', '3');

  // Reading: the message opens and is marked read for ben, not for ana.
  await page.locator(`[data-folder-path="${TEAM}"]`).click();
  await expect(page.getByRole('region', { name: 'Message list' }).getByRole('heading', { name: 'Team' })).toBeVisible();
  await row(page, 'Handover notes').getByRole('link').click();
  await expect(page.getByTestId('plain-body')).toContainText('Two tickets are still open');
  await expect.poll(() => seenBy('ben', TEAM, 'Handover notes')).toBe(true);
  expect(await seenBy('ana', 'Team', 'Handover notes')).toBe(false);

  // No right to delete (t, e): no Delete or Archive in the list's toolbar or the message's, and
  // no moving out (the toolbar's Move is disabled, the message's gone).
  const toolbar = page.getByRole('toolbar', { name: 'Message actions' });
  const opened = page.getByRole('toolbar', { name: 'Open message actions' });
  await expect(opened.getByRole('button', { name: 'Star', exact: true })).toBeEnabled();
  for (const bar of [toolbar, opened]) {
    await expect(bar.getByRole('button', { name: 'Delete' })).toHaveCount(0);
    await expect(bar.getByRole('button', { name: 'Archive' })).toHaveCount(0);
  }
  await expect(toolbar.getByRole('button', { name: 'Move to…' })).toBeDisabled();
  await expect(opened.getByRole('button', { name: 'Move to…' })).toHaveCount(0);
  // The folder's menu says what he may do, and offers no Delete.
  await page.getByRole('button', { name: 'Folder actions for Team' }).click();
  const menu = page.getByRole('menu', { name: 'Team actions' });
  await expect(menu).toContainText('Shared by ana: you may see, mark read, star.');
  await expect(menu.getByRole('menuitem', { name: 'Delete…' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The public folder: read-only, so no star or read toggles, and opening leaves it unread.
  await page.locator(`[data-folder-path="${PUBLIC}"]`).click();
  const list = page.getByRole('region', { name: 'Message list' });
  await expect(list.getByRole('heading', { name: 'Announcements' })).toBeVisible();
  await expect(list.getByText('Read-only', { exact: true })).toBeVisible();
  await expect(toolbar.getByRole('button', { name: 'Star', exact: true })).toBeDisabled();
  await expect(toolbar.getByRole('button', { name: 'Read', exact: true })).toBeDisabled();
  await expect(row(page, 'Maintenance on Saturday').getByRole('button', { name: 'Star' })).toBeDisabled();
  await row(page, 'Maintenance on Saturday').getByRole('link').click();
  await expect(page.getByTestId('plain-body')).toContainText('The mail server restarts on Saturday');
  await expect(page.getByRole('button', { name: 'Mark read' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Mark unread' })).toHaveCount(0);
  expect(await seenBy('ben', PUBLIC, 'Maintenance on Saturday')).toBe(false);
});

test('ana shares Projects with cyd from the UI, changes the rights, and cyd sees it under ana’s name', async ({ page, browser }) => {
  expect(await rawImapSession('ana', ['DELETEACL Projects cyd'])).toMatch(/^c0 OK/m);
  await signIn(page, 'ana');
  await page.getByRole('button', { name: 'Folder actions for Projects' }).click();
  await page.getByRole('menuitem', { name: 'Share folder…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Projects' });
  await expect(dialog.getByText('Not shared with anyone yet.')).toBeVisible();

  // See and mark read are ticked to begin with; star added.
  await dialog.getByLabel('User name to share with').fill('cyd');
  await dialog.getByRole('checkbox', { name: 'Star', exact: true }).check();
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('Shared with cyd');
  const shared = dialog.getByRole('list', { name: 'Shared with' });
  await expect(shared.getByRole('checkbox', { name: 'See for cyd' })).toBeChecked();
  await expect(shared.getByRole('checkbox', { name: 'Star for cyd' })).toBeChecked();
  await expect(shared.getByRole('checkbox', { name: 'Delete for cyd' })).not.toBeChecked();
  expect(await rawImapSession('ana', ['GETACL Projects'])).toMatch(/^\* ACL Projects .*\bcyd [lrws]{4}\b/m);

  // A box ticked in the list changes the rights at once: delete (t, e, x).
  await shared.getByRole('checkbox', { name: 'Delete for cyd' }).click();
  await expect(shared.getByRole('checkbox', { name: 'Delete for cyd' })).toBeChecked();
  const cydRights = async () => [...((await rawImapSession('ana', ['GETACL Projects'])).match(/\bcyd (\w+)/)?.[1] ?? '').replace(/[cd]/g, '')].sort().join('');
  await expect.poll(cydRights).toBe('elrstwx');

  // cyd, in a browser of his own: ana's Projects under her name, with Delete now his to use.
  const context = await browser.newContext();
  try {
    const cyd = await context.newPage();
    await signIn(cyd, 'cyd');
    const rows = await treeRows(cyd);
    expect(rows.slice(rows.indexOf('Shared with me'), rows.indexOf('Shared with me') + 3)).toEqual(['Shared with me', 'ana', 'Projects']);
    await cyd.locator(`[data-folder-path="${PROJECTS}"]`).click();
    await expect(row(cyd, 'Project kickoff')).toBeVisible();
    await expect(cyd.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Delete' })).toBeVisible();
  } finally {
    await context.close();
  }

  // Removed: the list is empty again, and so is the server's.
  await dialog.getByRole('button', { name: 'Remove cyd' }).click();
  await expect(dialog.getByText('Not shared with anyone yet.')).toBeVisible();
  expect(await rawImapSession('ana', ['GETACL Projects'])).not.toMatch(/\bcyd\b/);
});
