import { expect, test } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { row, signIn } from './helpers';
import { pointIn, saveScreen, touchDrag, touchHold } from './touch';

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

  test('a pull to refresh that crosses a move does not bring the moved row back', async ({ page }) => {
    await signIn(page, USER);
    const subject = 'Inline logo';
    const target = row(page, subject);
    const dialog = page.getByRole('dialog', { name: 'Move to folder' });
    // The MOVE is held in the browser until the list has been fetched again: an answer made
    // before the server moved anything, as when a page fetch wins the race for the connection.
    let sent!: () => void;
    let release!: () => void;
    const moveSent = new Promise<void>((resolve) => (sent = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/messages/move', async (route) => {
      sent();
      await released;
      await route.continue();
    });
    await touchHold(page, await pointIn(target, 0.6), () => expect(dialog).toBeVisible());
    await dialog.getByRole('button', { name: 'Work', exact: true }).click();
    await moveSent;
    await expect(target).toHaveCount(0);

    const top = await pointIn(page.getByTestId('message-row').first(), 0.5);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/messages' && r.request().method() === 'GET');
    await touchDrag(page, top, { x: top.x, y: top.y + 260 }, 16);
    const stale = (await (await answered).json()) as { messages: Array<{ subject: string }> };
    expect(stale.messages.map((m) => m.subject)).toContain(subject);
    await expect(target).toHaveCount(0);

    release();
    await expect(page.getByTestId('toast')).toContainText('1 message moved to Work');
    await expect.poll(() => uidsWithSubject(client, 'Work', subject)).toHaveLength(1);
    // The server's word (the settling fetch, the live VANISHED) keeps it out.
    await expect(target).toHaveCount(0);
    await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
    await expect(target).toBeVisible();
    await expect.poll(() => uidsWithSubject(client, 'INBOX', subject)).toHaveLength(1);
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
