import { expect, test } from '@playwright/test';
import { row, signIn } from './helpers';
import { checkPhoneScreen } from './touch';

// A user of this spec's own (carol's seed mail): specs run side by side.
const USER = 'pia';

// The `phone` project (playwright.config.ts) gives it a 390x844 touch screen.

test('at phone width: one pane at a time, folders -> list -> message -> back', async ({ page }) => {
  await signIn(page, USER);
  const folders = page.getByRole('complementary', { name: 'Folders' });
  const list = page.getByRole('region', { name: 'Message list' });
  const message = page.getByRole('main', { name: 'Message' });
  await expect(list).toBeVisible();
  await expect(folders).toBeHidden();
  await expect(message).toBeHidden();

  await page.getByRole('button', { name: 'Show folders' }).click();
  await expect(folders).toBeVisible();
  await expect(list).toBeHidden();
  await page.locator('[data-folder-path="Work/Projects"]').click();

  await expect(list).toBeVisible();
  await expect(folders).toBeHidden();
  await expect(list.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await row(page, 'Project Xylophone kickoff').click();

  await expect(message).toBeVisible();
  await expect(list).toBeHidden();
  await expect(page.getByTestId('message-subject')).toHaveText('Project Xylophone kickoff');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(list).toBeVisible();
  await expect(message).toBeHidden();
});

test('at tablet width: list and message side by side, folders on demand', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page, USER);
  await row(page, 'Plain hello').click();
  await expect(page.getByRole('region', { name: 'Message list' })).toBeVisible();
  await expect(page.getByRole('main', { name: 'Message' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Folders' })).toBeHidden();
});

test('every phone screen: targets of 44x44 px or more, no horizontal scrolling, fields at 16 px', async ({ page }, testInfo) => {
  await signIn(page, USER);
  const list = page.getByRole('region', { name: 'Message list' });
  await expect(row(page, 'Plain hello')).toBeVisible();
  // The bulk toolbar waits for a selection: no buttons for nothing.
  await expect(page.getByRole('toolbar', { name: 'Message actions' })).toBeHidden();
  await checkPhoneScreen(page, 'list', testInfo);
  // The page reaches under a notch; safe-area paddings keep content out of it.
  await expect(page.locator('meta[name="viewport"]')).toHaveAttribute('content', /viewport-fit=cover/);

  await page.getByRole('button', { name: 'List options' }).click();
  await expect(page.getByRole('menu', { name: 'List options' })).toBeVisible();
  await checkPhoneScreen(page, 'list-menu', testInfo);
  await page.getByRole('menuitem', { name: 'Select all' }).click();
  await expect(page.getByRole('toolbar', { name: 'Selection' }).getByTestId('selection-count')).toHaveText(/^All \d+ selected$/);
  await page.getByRole('button', { name: 'Leave selection' }).click();

  // Tapping the avatar (the row's checkbox) enters selection mode.
  await row(page, 'Plain hello').getByRole('checkbox').click();
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(bar.getByTestId('selection-count')).toHaveText('1 selected');
  await checkPhoneScreen(page, 'selection', testInfo);
  await bar.getByRole('button', { name: 'More' }).click();
  await expect(bar.getByRole('menuitem', { name: 'Move to…' })).toBeVisible();
  await checkPhoneScreen(page, 'selection-more', testInfo);
  await bar.getByRole('menuitem', { name: 'Move to…' }).click();
  await expect(page.getByRole('dialog', { name: 'Move to folder' })).toBeVisible();
  await checkPhoneScreen(page, 'selection-move', testInfo);
  await page.keyboard.press('Escape');
  await bar.getByRole('button', { name: 'Leave selection' }).click();
  await expect(bar).toBeHidden();

  await row(page, 'Report attached').click();
  const message = page.getByRole('main', { name: 'Message' });
  await expect(page.getByTestId('message-subject')).toHaveText('Report attached');
  await expect(message.getByRole('button', { name: 'Reply all' })).toBeVisible();
  await checkPhoneScreen(page, 'message', testInfo);
  await message.getByRole('button', { name: 'More' }).click();
  await expect(message.getByRole('menuitem', { name: 'Mark unread' })).toBeVisible();
  await checkPhoneScreen(page, 'message-more', testInfo);
  await page.getByRole('menuitem', { name: 'Move to…' }).click();
  await checkPhoneScreen(page, 'message-move', testInfo);
  await page.keyboard.press('Escape');
  // Reply, Reply all and Forward sit at the bottom of the screen, within a thumb's reach.
  const reply = await message.getByRole('button', { name: 'Reply', exact: true }).boundingBox();
  expect(reply!.y + reply!.height).toBeGreaterThan(844 - 80);
  await message.getByRole('button', { name: 'Back', exact: true }).click();

  await list.getByRole('button', { name: 'Show folders' }).click();
  await expect(page.getByRole('complementary', { name: 'Folders' })).toBeVisible();
  await checkPhoneScreen(page, 'folders', testInfo);
  await page.locator('[data-folder-path="INBOX"]').click();

  await list.getByRole('button', { name: 'Compose' }).click();
  const composer = page.getByRole('dialog', { name: 'New message' });
  await expect(composer.getByLabel('Subject')).toBeVisible();
  // The whole screen, and a photo can come straight from the camera.
  expect(await composer.boundingBox()).toMatchObject({ x: 0, width: 390 });
  await expect(composer.locator('input[type=file][accept="image/*"][capture="environment"]')).toHaveCount(1);
  await checkPhoneScreen(page, 'composer', testInfo);
});

// #22: on a phone, the touch module (gestures, "List options", the message's bars) and the quota
// are fetched once the page is idle (lib/when-idle.ts), not in the hydration's commit, one of the
// page's long tasks under Lighthouse's 4x CPU. The page's idle callbacks are held here, then run.
test('the touch module and the quota wait for the page to be idle', async ({ page }) => {
  type Watched = { heldIdle: (IdleRequestCallback | null)[]; fetched: string[]; streams: number };
  await page.addInitScript(() => {
    const w = window as unknown as Watched;
    w.heldIdle = [];
    window.requestIdleCallback = (callback) => w.heldIdle.push(callback);
    window.cancelIdleCallback = (handle) => void (w.heldIdle[handle - 1] = null);
    w.fetched = [];
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      w.fetched.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    // The live updates' stream opens in the same mount effects as the quota's.
    w.streams = 0;
    const Source = window.EventSource;
    window.EventSource = class extends Source {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        w.streams++;
      }
    };
  });
  const quotaAsked = () => page.evaluate(() => (window as unknown as Watched).fetched.filter((url) => url.includes('/api/quota')).length);
  await signIn(page, USER);
  await expect.poll(() => page.evaluate(() => (window as unknown as Watched).streams)).toBeGreaterThan(0);
  expect(await quotaAsked()).toBe(0);
  await expect(page.getByRole('button', { name: 'List options' })).toHaveCount(0);

  await page.evaluate(() => {
    for (const callback of (window as unknown as Watched).heldIdle.splice(0)) callback?.({ didTimeout: false, timeRemaining: () => 50 });
  });
  await expect(page.getByRole('button', { name: 'List options' })).toBeVisible();
  expect(await quotaAsked()).toBe(1);
});
