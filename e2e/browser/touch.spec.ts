import { expect, test } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { rawImap, resetToMessageRows, serverMetadataEntry, uidsWithSubject } from '../support/dovecot';
import { row, signIn } from './helpers';
import { pointIn, saveScreen, touchDrag, touchHold } from './touch';

// Gestures on a phone (the `phone` project: 390x844, touch), sent as real touch events through
// the DevTools protocol; what they did is checked on the IMAP server. A user of its own (carol's seed).
const USER = 'tia';
let client: ImapFlow;

test.beforeAll(async () => {
  // The swipe side is a setting that follows the user: from the default, whatever a run left.
  await resetToMessageRows(USER);
  client = await rawImap(USER);
});
test.afterAll(async () => {
  await client.logout();
});

test('swiping a row to the left archives it, and Undo brings it back', async ({ page }, testInfo) => {
  await signIn(page, USER);
  const target = row(page, 'Plain hello');
  const start = await pointIn(target, 0.8);
  await touchDrag(page, start, { x: 30, y: start.y }, 12, async () => {
    // Before the finger lifts: the row follows it, over the action's colour and icon.
    expect(await target.evaluate((el) => (el as HTMLElement).style.transform)).toMatch(/^translateX\(-\d+(\.\d+)?px\)$/);
    expect(await target.evaluate((el) => getComputedStyle(el.parentElement!).backgroundImage)).toContain('data:image/svg+xml');
    await saveScreen(page, 'swiping', testInfo);
  });
  await expect(page.getByTestId('toast')).toContainText('archived');
  await expect(target).toHaveCount(0);
  await saveScreen(page, 'swiped', testInfo);
  await expect.poll(() => uidsWithSubject(client, 'Archives', 'Plain hello')).toHaveLength(1);
  expect(await uidsWithSubject(client, 'INBOX', 'Plain hello')).toHaveLength(1); // "Re: Plain hello" stays

  await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
  await expect(target).toBeVisible();
  await expect.poll(() => uidsWithSubject(client, 'Archives', 'Plain hello')).toHaveLength(0);
  expect(await uidsWithSubject(client, 'INBOX', 'Plain hello')).toHaveLength(2);
});

test('a short swipe puts the row back; the swipe setting makes a left swipe delete', async ({ page }) => {
  await signIn(page, USER);
  const target = row(page, 'Inline logo');
  const start = await pointIn(target, 0.8);
  await touchDrag(page, start, { x: start.x - 40, y: start.y }, 4);
  await expect(target).toBeVisible();
  await expect.poll(() => target.evaluate((el) => (el as HTMLElement).style.transform)).toBe('');

  await page.getByRole('button', { name: 'List options' }).click();
  await page.getByRole('menuitemradio', { name: 'Swipe left to delete, right to archive' }).click();
  // Kept on the mail server, for every device.
  await expect.poll(async () => JSON.parse((await serverMetadataEntry(USER, '/private/vendor/wren/settings')) ?? '{}').ui?.swipeLeft).toBe('delete');
  await touchDrag(page, await pointIn(target, 0.8), { x: 30, y: start.y });
  await expect(page.getByTestId('toast')).toContainText('moved to Trash');
  await expect.poll(() => uidsWithSubject(client, 'Deleted Items', 'Inline logo')).toHaveLength(1);
  expect(await uidsWithSubject(client, 'INBOX', 'Inline logo')).toHaveLength(0);
});

test('a long press enters selection mode, the browser Back leaves it, and the bar acts', async ({ page }, testInfo) => {
  await signIn(page, USER);
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  const report = row(page, 'Report attached');
  await touchHold(page, await pointIn(report, 0.6), () => expect(bar).toBeVisible());
  await expect(bar.getByTestId('selection-count')).toHaveText('1 selected');
  // The press did not open the message too.
  await expect(page.getByRole('main', { name: 'Message' })).toBeHidden();
  await saveScreen(page, 'long-pressed', testInfo);

  await page.goBack();
  await expect(bar).toBeHidden();
  await expect(page).toHaveURL(/\/mail$/);
  await expect(report.getByRole('checkbox')).not.toBeChecked();
  await expect(page.getByRole('region', { name: 'Message list' }).getByRole('heading', { name: 'Inbox' })).toBeVisible();

  // Again; in selection mode a tap on another row ticks it instead of opening it.
  await touchHold(page, await pointIn(report, 0.6), () => expect(bar).toBeVisible());
  await row(page, 'Hostile newsletter').getByRole('link').tap();
  await expect(bar.getByTestId('selection-count')).toHaveText('2 selected');
  await bar.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('toast')).toContainText('2 messages moved to Trash');
  await expect(bar).toBeHidden();
  await expect.poll(async () => (await uidsWithSubject(client, 'Deleted Items', 'Report attached')).length + (await uidsWithSubject(client, 'Deleted Items', 'Hostile newsletter')).length).toBe(2);
  // Leaving selection mode took its history entry off again.
  expect(await page.evaluate(() => (history.state as { wrenLayer?: string } | null)?.wrenLayer)).toBeUndefined();
});

test('pulling the list down at the top refreshes it', async ({ page }) => {
  await signIn(page, USER);
  const first = await pointIn(page.getByTestId('message-row').first(), 0.5);
  const listRequest = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/messages' && r.method() === 'GET');
  await touchDrag(page, first, { x: first.x, y: first.y + 260 }, 16);
  await expect(page.getByRole('status').filter({ hasText: 'Refreshing…' })).toBeVisible();
  await listRequest;
});
