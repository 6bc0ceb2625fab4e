import { expect, test } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { row, signIn } from './helpers';
import { pointIn, saveScreen, touchHold } from './touch';

// A touch tablet (the `tablet` project: touch, mobile viewport), in landscape and in portrait.
// A user of its own (carol's seed).
const USER = 'lena';
let client: ImapFlow;

test.beforeAll(async () => {
  client = await rawImap(USER);
});
test.afterAll(async () => {
  await client.logout();
});

test.describe('landscape (1180x820)', () => {
  test.use({ viewport: { width: 1180, height: 820 } });

  test('list and message side by side, the folders in a drawer', async ({ page }, testInfo) => {
    await signIn(page, USER);
    const list = page.getByRole('region', { name: 'Message list' });
    const folders = page.getByRole('complementary', { name: 'Folders' });
    await expect(folders).toBeHidden();
    await row(page, 'Plain hello').click();
    await expect(page.getByTestId('message-subject')).toHaveText('Plain hello');
    const listBox = (await list.boundingBox())!;
    const messageBox = (await page.getByRole('main', { name: 'Message' }).boundingBox())!;
    expect(listBox.x).toBe(0);
    expect(messageBox.x).toBeGreaterThanOrEqual(listBox.x + listBox.width - 1);
    expect(messageBox.width).toBeGreaterThan(500);
    await saveScreen(page, 'landscape', testInfo);

    await list.getByRole('button', { name: 'Show folders' }).click();
    await expect(folders).toBeVisible();
    await expect(list).toBeVisible();
    await saveScreen(page, 'landscape-folders', testInfo);
    await page.locator('[data-folder-path="Work"]').click();
    await expect(folders).toBeHidden();
    await expect(list.getByRole('heading', { name: 'Work' })).toBeVisible();
  });

  test('a long press on a row offers Move; moving goes to the folder, with Undo', async ({ page }, testInfo) => {
    await signIn(page, USER);
    const target = row(page, 'Report attached');
    const dialog = page.getByRole('dialog', { name: 'Move to folder' });
    await touchHold(page, await pointIn(target, 0.6), () => expect(dialog).toBeVisible());
    // The press opened no message.
    await expect(page.getByText('Select a message to read it')).toBeVisible();
    await saveScreen(page, 'long-press-move', testInfo);
    await dialog.getByRole('button', { name: 'Work', exact: true }).click();
    await expect(page.getByTestId('toast')).toContainText('1 message moved to Work');
    await expect(target).toHaveCount(0);
    await expect.poll(() => uidsWithSubject(client, 'Work', 'Report attached')).toHaveLength(1);
    expect(await uidsWithSubject(client, 'INBOX', 'Report attached')).toHaveLength(0);

    await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
    await expect(target).toBeVisible();
    await expect.poll(() => uidsWithSubject(client, 'INBOX', 'Report attached')).toHaveLength(1);
    expect(await uidsWithSubject(client, 'Work', 'Report attached')).toHaveLength(0);
  });
});

test.describe('portrait (820x1180)', () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test('the folder tree opens as a drawer over the list', async ({ page }, testInfo) => {
    await signIn(page, USER);
    const list = page.getByRole('region', { name: 'Message list' });
    const folders = page.getByRole('complementary', { name: 'Folders' });
    await row(page, 'Plain hello').click();
    await expect(page.getByRole('main', { name: 'Message' })).toBeVisible();
    await expect(folders).toBeHidden();
    await saveScreen(page, 'portrait', testInfo);

    await list.getByRole('button', { name: 'Show folders' }).click();
    await expect(folders).toBeVisible();
    // Over the list, not instead of it.
    await expect(list).toBeVisible();
    expect(await folders.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await saveScreen(page, 'portrait-folders', testInfo);
    await page.locator('[data-folder-path="Work/Projects"]').click();
    await expect(folders).toBeHidden();
    await expect(list.getByRole('heading', { name: 'Projects' })).toBeVisible();
  });
});
