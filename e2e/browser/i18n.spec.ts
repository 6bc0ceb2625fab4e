import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectHydrated, PASSWORD, row } from './helpers';

// Languages (#20): the UI in the browser's language (Accept-Language), or in the user's setting,
// which wins and follows the user; dates in that language and the browser's time zone, the reply's
// quote line too; a right-to-left language mirrors the panes; server errors in the UI's language.
// Users (seeded like carol, signed in here through the form, in the browser's own language and
// zone): luis (German, then his setting), lior (Arabic, right to left), lars (errors, quote line).

/** Signs in through the German form; the mail view is up once its list shows the Inbox's rows. */
async function signInGerman(page: Page, user: string) {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Bei Wren anmelden' })).toBeVisible();
  await page.getByLabel('Benutzername').fill(user);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(/\/mail$/);
  await expect(row(page, 'Plain hello')).toBeVisible();
  // The rows come with the server's HTML: keys pressed before hydration reach no handler (CI47:
  // Enter in the search box, no search).
  await expectHydrated(page);
}

const germanDateTime = (iso: string, timeZone: string) => new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE', timezoneId: 'Asia/Tokyo' });

  test('sign-in, list, message, composer and settings are German; dates in German format and the browser time zone', async ({ page }) => {
    await signInGerman(page, 'luis');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    const list = page.getByRole('region', { name: 'Nachrichtenliste' });
    await expect(list.getByRole('heading', { name: 'Posteingang' })).toBeVisible();
    // The way back to the folders on a phone or tablet (hidden on this desktop): its words too.
    await expect(list.getByRole('button', { name: 'Ordner anzeigen', includeHidden: true })).toHaveText('‹ Ordner');
    // 2024-03-01T08:00Z: another year, so the list shows day, month and year, in German.
    await expect(row(page, 'Plain hello').locator('time')).toHaveText('1. März 2024');
    await expect(page.getByRole('tree', { name: 'Ordnerbaum' })).toBeVisible();
    await expect(page.getByText('Wählen Sie eine Nachricht aus, um sie zu lesen')).toBeVisible();

    await row(page, 'Plain hello').click();
    const message = page.getByRole('main', { name: 'Nachricht' });
    // The header's date: German medium style in Tokyo's time (17:00 there).
    await expect(message.locator('time').first()).toHaveText(germanDateTime('2024-03-01T08:00:00Z', 'Asia/Tokyo'));
    await expect(message.locator('time').first()).toHaveText('01.03.2024, 17:00');
    await expect(message.getByRole('button', { name: 'Antworten', exact: true })).toBeVisible();

    await page.keyboard.press('c');
    const composer = page.getByRole('dialog', { name: 'Neue Nachricht' });
    await expect(composer.getByRole('textbox', { name: 'Betreff' })).toBeVisible();
    await expect(composer.getByRole('button', { name: 'Senden', exact: true })).toBeVisible();
    await composer.getByRole('button', { name: 'Senden', exact: true }).click();
    await expect(composer.getByRole('alert')).toHaveText('Fügen Sie mindestens einen Empfänger hinzu');
    await composer.getByRole('button', { name: 'Verwerfen' }).click();
    await expect(composer).toBeHidden();

    await page.goto('/settings/general');
    await expect(page.getByRole('heading', { name: 'Allgemein', level: 2 })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Sprache' }).getByRole('radio', { name: 'Automatisch (die Sprache des Browsers)' })).toBeChecked();
    await expect(page.getByRole('link', { name: '← Zurück zur Post' })).toBeVisible();
  });

  test('the share dialog and the message\'s Filter menu are German too (both loaded on first use)', async ({ page }) => {
    await signInGerman(page, 'luis');
    await page.getByRole('button', { name: 'Ordneraktionen für Work', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Ordner teilen…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Work teilen' });
    await expect(dialog.getByRole('heading', { name: '„Work“ teilen' })).toBeVisible();
    await expect(dialog.getByText('Noch mit niemandem geteilt.')).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Benutzername, mit dem geteilt wird' })).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: 'Sehen', exact: true })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'Stern', exact: true })).not.toBeChecked();
    await expect(dialog.getByRole('button', { name: 'Teilen', exact: true })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Schließen' }).click();
    await expect(dialog).toBeHidden();

    await row(page, 'Plain hello').click();
    await page.getByRole('button', { name: 'Filtern…' }).click();
    const menu = page.getByRole('menu', { name: 'Filter' });
    await expect(menu.getByRole('menuitem', { name: 'Nachrichten wie diese filtern' })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Absender blockieren (künftige Post kommt in den Spam)' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();

    // The move picker (v, also loaded on first use) says so when no folder matches.
    await page.keyboard.press('v');
    const picker = page.getByRole('dialog', { name: 'In Ordner verschieben' });
    await picker.getByLabel('Ordner filtern').fill('zzz');
    await expect(picker.getByText('Kein passender Ordner')).toBeVisible();
  });

  test('the language setting wins over the browser and follows the user to a new sign-in', async ({ page, browser }) => {
    await signInGerman(page, 'luis');
    await page.goto('/settings/general');
    await expectHydrated(page, page.locator('main form'));
    const languages = page.getByRole('group', { name: 'Sprache' });
    try {
      await languages.getByRole('radio', { name: 'English' }).check();
      await page.getByRole('button', { name: 'Speichern' }).click();
      // Saved, and the page is rendered again in the new language.
      await expect(page.getByRole('heading', { name: 'General', level: 2 })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await page.goto('/mail');
      await expect(page.getByRole('region', { name: 'Message list' })).toBeVisible();

      // Another browser, German too: the setting comes from the mail server at sign-in.
      const other = await browser.newContext({ locale: 'de-DE' });
      const second = await other.newPage();
      await second.goto('/login');
      await second.getByLabel('Benutzername').fill('luis');
      await second.getByLabel('Passwort').fill(PASSWORD);
      await second.getByRole('button', { name: 'Anmelden' }).click();
      await expect(second.getByRole('region', { name: 'Message list' })).toBeVisible();
      await expect(second.locator('html')).toHaveAttribute('lang', 'en');
      await other.close();
    } finally {
      await page.goto('/settings/general');
      await expectHydrated(page, page.locator('main form'));
      await page.getByRole('radio', { name: /^Automatic/ }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('heading', { name: 'Allgemein', level: 2 })).toBeVisible();
    }
  });
});

test.describe('server errors and the quote line', () => {
  test.use({ locale: 'de-DE', timezoneId: 'America/New_York' });

  test('a refused sign-in and an unknown folder are told in German', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Benutzername').fill('lars');
    await page.getByLabel('Passwort').fill('falsch');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('Falscher Benutzername oder falsches Passwort');

    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(row(page, 'Plain hello')).toBeVisible();
    await page.goto('/mail/Nirgendwo');
    await expect(page.getByRole('alert').filter({ hasText: 'Der Ordner existiert nicht' })).toBeVisible();
  });

  test('a search is told in German: the query\'s problem where it is, and the chips of its terms', async ({ page }) => {
    await signInGerman(page, 'lars');
    const box = page.getByRole('searchbox', { name: 'Post durchsuchen' });
    await box.fill('from:olivia foo:bar');
    await box.press('Enter');
    await expect(page.locator('#search-error')).toHaveText('Unbekannter Operator "foo:" (den Text in Anführungszeichen setzen, um danach zu suchen) (bei Zeichen 13)');
    await box.fill('is:unread older_than:1w');
    await box.press('Enter');
    const terms = page.getByRole('list', { name: 'Suchbegriffe' });
    await expect(terms.getByRole('listitem')).toHaveText(['Ungelesen×', 'Älter als 1 Woche×']);
    await expect(terms.getByRole('button', { name: 'Älter als 1 Woche entfernen' })).toBeVisible();
  });

  test('the reply quotes in German, in the browser time zone', async ({ page }) => {
    await signInGerman(page, 'lars');
    await row(page, 'Plain hello').click();
    await page.getByRole('main', { name: 'Nachricht' }).getByRole('button', { name: 'Antworten', exact: true }).click();
    const body = page.getByRole('dialog', { name: 'Antworten' }).getByRole('textbox', { name: 'Nachrichtentext' });
    // 08:00 UTC is 03:00 in New York (EST).
    await expect(body).toContainText('Am 01.03.2024, 03:00 schrieb Olivia Plain <olivia@example.org>:');
    await page.getByRole('dialog', { name: 'Antworten' }).getByRole('button', { name: 'Verwerfen' }).click();
  });
});

/** The box of a locator, asserted visible. */
async function box(page: Page, selector: ReturnType<Page['locator']>) {
  await expect(selector).toBeVisible();
  const b = await selector.boundingBox();
  if (!b) throw new Error('no box');
  return b;
}

test.describe('a right-to-left language', () => {
  test.use({ locale: 'ar' });

  test('Arabic lays the page out right to left: the folder pane is right of the list', async ({ browser }: { browser: Browser }) => {
    const context = await browser.newContext({ locale: 'ar', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await page.locator('input[name="username"]').fill('lior');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await expect(row(page, 'Plain hello')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const tree = await box(page, page.getByRole('tree'));
    const list = await box(page, page.getByTestId('message-row').first());
    // Mirrored: the folder pane starts where the list ends, on the right.
    expect(tree.x).toBeGreaterThanOrEqual(list.x + list.width - 1);
    // And a row's subject starts at its right edge.
    const subject = await box(page, row(page, 'Plain hello').locator('.message-subject'));
    expect(subject.x + subject.width).toBeGreaterThan(list.x + list.width / 2);
    await context.close();
  });
});
