import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectContrast } from '../support/axe';
import { rawImap, resetToMessageRows, uidsWithSubject } from '../support/dovecot';
import { expectHydrated, row, signIn, signInWithForm } from './helpers';

/*
 * Dark mode (issue #20): under a dark system every screen is dark and its text contrasts (axe's
 * color-contrast rule, 0 violations); HTML mail without colours of its own is recoloured, mail
 * with its own is shown as designed on a light card, and "Show original colours" shows the
 * recoloured one as sent; the choice in Settings overrides the system, from the server's first
 * paint, in every browser (it is kept in IMAP METADATA). dusk reads (seeded like carol, plus the
 * two HTML mails appended here); dawn switches the theme.
 */
// Each test signs in and runs axe's contrast rule several times (a second or more each, several
// under the load of a full `npm test`): 60 s, the long first test 120 s. The phone test took
// 15 s beside two others on a quiet machine, and failed in a CI run at the default 30 s (on
// its retry too; the error was not shown).
test.describe.configure({ timeout: 60_000 });

const READER = 'dusk';
const SWITCHER = 'dawn';
const PLAIN_HTML = 'Dark: an HTML mail without colours';
const DESIGNED_HTML = 'Dark: an HTML mail with its own colours';

function htmlMail(subject: string, body: string) {
  return [
    'From: Sender <sender@outside.example>',
    `To: ${READER}@example.com`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

test.beforeAll(async () => {
  // Both users start from the defaults (theme: as the system), whatever an earlier run saved.
  for (const user of [READER, SWITCHER]) {
    await resetToMessageRows(user);
  }
  const client = await rawImap(READER);
  try {
    if (!(await uidsWithSubject(client, 'INBOX', PLAIN_HTML)).length) {
      await client.append('INBOX', htmlMail(PLAIN_HTML, '<p>No colours here, only <b>structure</b> and <a href="https://example.org/dark">a link</a>.</p>'), ['\\Seen']);
    }
    if (!(await uidsWithSubject(client, 'INBOX', DESIGNED_HTML)).length) {
      const designed = '<table width="100%" bgcolor="#fff7e6"><tr><td style="color:#663c00;padding:12px">A newsletter that picked its own colours.</td></tr></table>';
      await client.append('INBOX', htmlMail(DESIGNED_HTML, designed), ['\\Seen']);
    }
  } finally {
    await client.logout();
  }
});

/** The relative luminance (WCAG, 0 black to 1 white) of a computed colour, any notation (oklch too): drawn on a canvas. */
function luminanceIn(page: Page, color: string): Promise<number> {
  return page.evaluate((css) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    if (a === 0) return -1; // transparent: no colour of its own
    const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }, color);
}

/** The luminance of what is painted behind `locator`: its own background, or its nearest ancestor's. */
async function backgroundOf(locator: Locator): Promise<number> {
  const colors = await locator.evaluate((el) => {
    const list: string[] = [];
    for (let node: Element | null = el; node; node = node.parentElement) list.push(getComputedStyle(node).backgroundColor);
    return list;
  });
  for (const color of colors) {
    const lum = await luminanceIn(locator.page(), color);
    if (lum >= 0) return lum;
  }
  throw new Error('no background anywhere up the tree');
}

const textOf = async (locator: Locator) => luminanceIn(locator.page(), await locator.evaluate((el) => getComputedStyle(el).color));

// Dark: the theme's surfaces are about 0.007 (#0f141d); light text about 0.85.
const DARK = 0.05;
const LIGHT = 0.5;

/** The message frame's <body>, read from the page (the frame is same-origin and runs no script). */
function frameBody(page: Page) {
  return page.frameLocator('iframe[title="Message body"]').locator('body');
}

test.describe('under a dark system', () => {
  test.use({ colorScheme: 'dark' });

  test('list, message, composer, search, settings and sign-in are dark, and every text contrasts', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signIn(page, READER);
    const list = page.getByRole('region', { name: 'Message list' });
    expect(await backgroundOf(page.locator('body'))).toBeLessThan(DARK);
    expect(await backgroundOf(list)).toBeLessThan(DARK);
    expect(await backgroundOf(page.locator('[role="tree"]'))).toBeLessThan(DARK);
    expect(await textOf(row(page, 'Plain hello').locator('.message-subject'))).toBeGreaterThan(LIGHT);
    // Form controls and scrollbars follow: the page says it is dark.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
    await expectContrast(page, 'the list');

    // A plain-text message: light text on the dark pane.
    await row(page, 'Plain hello').click();
    const body = page.getByTestId('plain-body');
    await expect(body).toContainText('Have a look');
    expect(await backgroundOf(body)).toBeLessThan(DARK);
    expect(await textOf(body)).toBeGreaterThan(LIGHT);
    expect(await textOf(body.getByRole('link').first())).toBeGreaterThan(0.3);
    await expectContrast(page, 'a plain-text message');
    // One with an attachment: its list and actions.
    await row(page, 'Report attached').click();
    await expect(page.getByRole('list', { name: 'Attachments' })).toBeVisible();
    await expectContrast(page, 'a message with an attachment');

    // The composer, the editor included.
    await page.getByRole('button', { name: 'Compose' }).click();
    const composer = page.getByRole('dialog', { name: 'New message' });
    const editor = composer.locator('.ProseMirror');
    await expect(editor).toBeVisible();
    await editor.click();
    await page.keyboard.type('Written in the dark');
    expect(await backgroundOf(editor)).toBeLessThan(DARK);
    expect(await textOf(editor.locator('p').first())).toBeGreaterThan(LIGHT);
    await expectContrast(page, 'the composer');
    await composer.getByRole('button', { name: 'Discard' }).click();
    await expect(composer).toBeHidden();

    // Search results.
    await page.getByRole('searchbox').fill('plain');
    await page.keyboard.press('Enter');
    await expect(row(page, 'Plain hello')).toBeVisible();
    expect(await backgroundOf(list)).toBeLessThan(DARK);
    await expectContrast(page, 'search results');

    await page.goto('/settings/general');
    await expect(page.getByRole('radio', { name: 'System', exact: true })).toBeChecked();
    expect(await backgroundOf(page.locator('body'))).toBeLessThan(DARK);
    expect(await backgroundOf(page.getByLabel('Display name'))).toBeLessThan(DARK);
    await expectContrast(page, 'the settings');

    // Signed out, the sign-in page follows the system.
    const signedOut = await browser.newContext({ colorScheme: 'dark' });
    try {
      const login = await signedOut.newPage();
      await login.goto('/login');
      await expect(login.getByLabel('Username')).toBeVisible();
      expect(await backgroundOf(login.locator('main'))).toBeLessThan(DARK);
      expect(await backgroundOf(login.getByLabel('Username'))).toBeLessThan(DARK);
      await expectContrast(login, 'the sign-in page');
    } finally {
      await signedOut.close();
    }
  });

  test('HTML mail: without colours it is recoloured, with its own it shows on a light card; "Show original colours" shows it as sent', async ({ page }) => {
    await signIn(page, READER);
    await row(page, PLAIN_HTML).click();
    const frame = frameBody(page);
    await expect(frame).toContainText('No colours here');
    expect(await backgroundOf(frame)).toBeLessThan(DARK);
    expect(await textOf(frame)).toBeGreaterThan(LIGHT);
    expect(await textOf(frame.getByRole('link'))).toBeGreaterThan(0.3);
    await expectContrast(page, 'a recoloured HTML message');

    const original = page.getByRole('button', { name: 'Show original colours' });
    await expect(original).toHaveAttribute('aria-pressed', 'false');
    await original.click();
    await expect(original).toHaveAttribute('aria-pressed', 'true');
    await expect(frameBody(page)).toContainText('No colours here');
    await expect.poll(() => backgroundOf(frameBody(page))).toBeGreaterThan(0.9);
    expect(await textOf(frameBody(page))).toBeLessThan(DARK);
    await original.click();
    await expect.poll(() => backgroundOf(frameBody(page))).toBeLessThan(DARK);

    // Its own colours: as designed, on a white card, and nothing to switch back to.
    await row(page, DESIGNED_HTML).click();
    await expect(frameBody(page)).toContainText('picked its own colours');
    expect(await backgroundOf(frameBody(page))).toBeGreaterThan(0.9);
    expect(await backgroundOf(frameBody(page).locator('td'))).toBeGreaterThan(0.8);
    expect(await textOf(frameBody(page).locator('td'))).toBeLessThan(0.1);
    await expect(page.getByRole('button', { name: 'Show original colours' })).toHaveCount(0);
  });
});

test.describe('on a phone under a dark system', () => {
  test.use({ colorScheme: 'dark', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the list and a message are dark, and their text contrasts', async ({ page }) => {
    await signIn(page, READER);
    expect(await backgroundOf(page.getByRole('region', { name: 'Message list' }))).toBeLessThan(DARK);
    // The row's checkbox, drawn by app/globals.css on a phone, has the dark face too.
    await expectContrast(page, 'the phone list');
    await row(page, 'Plain hello').click();
    await expect(page.getByTestId('plain-body')).toBeVisible();
    expect(await backgroundOf(page.getByTestId('plain-body'))).toBeLessThan(DARK);
    await expectContrast(page, 'a message on a phone');
  });
});

/** Saves `label` as the theme in Settings > General. */
async function chooseTheme(page: Page, label: 'System' | 'Light' | 'Dark') {
  await page.goto('/settings/general');
  await expectHydrated(page, page.locator('main form'));
  await page.getByRole('radio', { name: label, exact: true }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

/** The mail view in a new browser (context) with the system's `scheme`, signed in through the form. */
async function mailIn(browser: Browser, scheme: 'light' | 'dark') {
  const context = await browser.newContext({ colorScheme: scheme });
  const page = await context.newPage();
  await signInWithForm(page, SWITCHER);
  return { context, page };
}

const bodyBackground = (page: Page) => backgroundOf(page.locator('body'));

test('the choice in Settings overrides the system, from the first paint, after a reload and in another browser', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // Dark under a light system (this context's default scheme is light).
  await signIn(page, SWITCHER);
  expect(await bodyBackground(page)).toBeGreaterThan(0.9);
  await chooseTheme(page, 'Dark');
  // At once, on the settings page itself.
  await expect.poll(() => bodyBackground(page)).toBeLessThan(DARK);
  // The server renders it on <html>: the first paint is dark, no script needed to get there.
  const html = await (await page.request.get('/mail')).text();
  expect(html).toMatch(/<html[^>]* data-theme="dark"/);
  await page.goto('/mail');
  expect(await bodyBackground(page)).toBeLessThan(DARK);
  await page.reload();
  expect(await bodyBackground(page)).toBeLessThan(DARK);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
  // The offline shell (rendered without the settings) takes the browser's copy of the choice.
  await page.goto('/offline');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bodyBackground(page)).toBeLessThan(DARK);
  // Away from the shell, which reloads itself every few seconds once the server answers: a reload
  // then would abort this page's next navigation (net::ERR_ABORTED).
  await page.goto('about:blank');

  // Another browser, also light: the setting came from the mail server.
  const other = await mailIn(browser, 'light');
  try {
    expect(await bodyBackground(other.page)).toBeLessThan(DARK);
  } finally {
    await other.context.close();
  }

  // Light under a dark system.
  const night = await mailIn(browser, 'dark');
  try {
    expect(await bodyBackground(night.page)).toBeLessThan(DARK);
    await chooseTheme(night.page, 'Light');
    await expect.poll(() => bodyBackground(night.page)).toBeGreaterThan(0.9);
    await night.page.goto('/mail');
    expect(await bodyBackground(night.page)).toBeGreaterThan(0.9);
    expect(await night.page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light');
    await night.page.reload();
    expect(await bodyBackground(night.page)).toBeGreaterThan(0.9);

    // Back to the system: each browser as its own system is.
    await chooseTheme(night.page, 'System');
    await night.page.goto('/mail');
    expect(await bodyBackground(night.page)).toBeLessThan(DARK);
    await page.goto('/mail');
    expect(await bodyBackground(page)).toBeGreaterThan(0.9);
  } finally {
    await night.context.close();
  }
});
