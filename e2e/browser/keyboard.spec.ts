import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { expectHydrated, PASSWORD } from './helpers';

// Keyboard only, no mouse: after each step, focus (document.activeElement, by role and
// accessible name) is where the step put it. axa holds carol's seed mail; the journey archives,
// moves and replies, so it belongs to this spec alone. The Inbox, newest first: Café ☕ meeting,
// Re: Plain hello, Inline logo, Meeting notes 日本語, Report attached, Hostile newsletter, Plain hello.
const USER = 'axa';

/** The focused element: its role (explicit, or the tag's), accessible name, and a few attributes. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { role: 'none', name: '', path: '', expanded: '' };
    const role = el.getAttribute('role') ?? ({ A: 'link', BUTTON: 'button', H2: 'heading', INPUT: 'textbox' } as Record<string, string>)[el.tagName] ?? el.tagName.toLowerCase();
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
    return { role, name, path: el.dataset.path ?? '', expanded: el.getAttribute('aria-expanded') ?? '' };
  });
}

const expectFocus = (page: Page, expected: Record<string, unknown>) => expect.poll(() => focused(page)).toMatchObject(expected);
const rowName = (subject: string) => expect.stringContaining(`, ${subject}, `);

test('keyboard only: sign in, j j Enter opens the third message, e archives, v moves by type-ahead, the tree collapses, a reply is sent', async ({ page }) => {
  // A long journey on a shared machine: each step waits on a condition, the whole needs more than the default.
  test.setTimeout(120_000);
  // Sign in: Tab to the fields, type, Enter.
  await page.goto('/login');
  await page.keyboard.press('Tab');
  await expectFocus(page, { role: 'textbox' });
  await page.keyboard.type(USER);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/mail$/);
  await expect(page.getByRole('list', { name: 'Messages' }).getByRole('link')).toHaveCount(7);
  // The rows come with the server's HTML: the keys wait for the page's scripts to take over.
  await expectHydrated(page);

  // j j: focus moves row by row (roving tabindex); Enter opens the third; its heading has focus.
  await page.keyboard.press('j');
  // The row says what a sighted user sees: unread, starred, sender, subject, date.
  await expectFocus(page, { role: 'link', name: expect.stringMatching(/^unread, starred, from .+, Re: Plain hello, \S.*$/) });
  await page.keyboard.press('j');
  await expectFocus(page, { role: 'link', name: rowName('Inline logo') });
  await page.keyboard.press('Enter');
  await expectFocus(page, { role: 'heading', name: 'Inline logo' });

  // e archives it: the list is shown again and focus is on the row now in its place.
  await page.keyboard.press('e');
  await expect(page.getByTestId('toast').filter({ hasText: '1 message archived' })).toBeVisible();
  await expectFocus(page, { role: 'link', name: rowName('Meeting notes 日本語') });

  // v opens the move picker on the filter; typing narrows it, Enter moves to the first folder left.
  await page.keyboard.press('v');
  await expectFocus(page, { role: 'textbox', name: 'Filter folders' });
  await page.keyboard.type('Proj');
  await expect(page.getByRole('dialog', { name: 'Move to folder' }).getByRole('button')).toHaveText(['Projects']);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast').filter({ hasText: '1 message moved to Projects' })).toBeVisible();
  await expectFocus(page, { role: 'link', name: rowName('Report attached') });
  const client = await rawImap(USER);
  expect(await uidsWithSubject(client, 'Work/Projects', 'Meeting notes 日本語')).toHaveLength(1);
  expect(await uidsWithSubject(client, 'Archives', 'Inline logo')).toHaveLength(1);
  await client.logout();

  // Shift+Tab back to the folder tree: one stop, the folder shown.
  for (let i = 0; i < 40 && (await focused(page)).role !== 'treeitem'; i++) await page.keyboard.press('Shift+Tab');
  await expectFocus(page, { role: 'treeitem', path: 'INBOX' });
  // Down to Work, Left collapses it (Projects is hidden), Right expands, Right enters Projects,
  // Left goes back to Work, Left collapses again; the collapse is remembered after a reload.
  for (let i = 0; i < 20 && (await focused(page)).path !== 'Work'; i++) await page.keyboard.press('ArrowDown');
  await expectFocus(page, { role: 'treeitem', path: 'Work', expanded: 'true' });
  const projects = page.locator('[data-path="Work/Projects"]');
  await expect(projects).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expectFocus(page, { path: 'Work', expanded: 'false' });
  await expect(projects).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expectFocus(page, { path: 'Work', expanded: 'true' });
  await page.keyboard.press('ArrowRight');
  await expectFocus(page, { role: 'treeitem', path: 'Work/Projects' });
  await page.keyboard.press('ArrowLeft');
  await expectFocus(page, { path: 'Work' });
  await page.keyboard.press('Home');
  await expectFocus(page, { path: 'INBOX' });
  await page.keyboard.press('End');
  await expect.poll(async () => (await focused(page)).role).toBe('treeitem');
  await page.keyboard.press('Home');
  for (let i = 0; i < 20 && (await focused(page)).path !== 'Work'; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowLeft');
  await expectFocus(page, { path: 'Work', expanded: 'false' });
  // The server renders the tree with every parent open: the collapse is applied after the
  // hydration, which must not fail (React would log it and render the whole mail view again).
  const errors: string[] = [];
  const onConsole = (message: ConsoleMessage) => void (message.type() === 'error' && errors.push(message.text()));
  const onPageError = (error: Error) => void errors.push(String(error));
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  await page.reload();
  await expect(page.locator('[data-path="Work"]')).toHaveAttribute('aria-expanded', 'false');
  await expect(projects).toHaveCount(0);
  await expectHydrated(page);
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve())));
  page.off('console', onConsole);
  page.off('pageerror', onPageError);
  // React's hydration errors (#418 and the like: https://react.dev/errors/418).
  expect(errors.filter((e) => /react\.dev\/errors\/4(18|19|22|23|25)|hydrat/i.test(e))).toEqual([]);

  // j j, Enter opens "Report attached"; r replies with the caret in the body; Ctrl+Enter sends,
  // and focus is back on the message's heading.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expectFocus(page, { role: 'link', name: rowName('Report attached') });
  await page.keyboard.press('Enter');
  await expectFocus(page, { role: 'heading', name: 'Report attached' });
  await page.keyboard.press('r');
  await expectFocus(page, { role: 'textbox', name: 'Message body' });
  await page.keyboard.type('Got it, thanks.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('dialog', { name: 'Reply' })).toHaveCount(0);
  await expectFocus(page, { role: 'heading', name: 'Report attached' });
  const rita = await rawImap('rita');
  await expect.poll(() => uidsWithSubject(rita, 'INBOX', 'Re: Report attached'), { timeout: 15_000 }).not.toHaveLength(0);
  await rita.logout();
});

