import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { openFolder, row, signIn } from './helpers';

/*
 * What every open message offers (issue 21): Unsubscribe for list mail (the mailto form in the
 * composer, or the list's page in a new tab without an opener; one-click is Wren's server's POST:
 * e2e/api/unsubscribe.test.ts), Print (only the message, with its headers), View source (the
 * corpus's script message as text in a new tab, nothing run) and the .eml download (the message
 * byte for byte). prue, not seeded: the folder is made here.
 */
const USER = 'prue';
const FOLDER = `Tools${Date.now()}`;
const SCRIPT_MAIL = readFileSync(join(process.cwd(), 'e2e/corpus/01-script.eml'));
const MAILTO_LIST = 'Tools: a list with a mailto unsubscribe';
const LINK_LIST = 'Tools: a list with an unsubscribe page';

const listMail = (subject: string, unsubscribe: string) =>
  [`From: Weekly <weekly@lists.example>`, `To: ${USER}@example.com`, `Subject: ${subject}`, `Date: ${new Date().toUTCString()}`, `List-Unsubscribe: ${unsubscribe}`, '', 'This week in lists.', ''].join('\r\n');

test.beforeAll(async () => {
  const client = await rawImap(USER);
  try {
    await client.mailboxCreate(FOLDER);
    await client.mailboxSubscribe(FOLDER);
    await client.append(FOLDER, SCRIPT_MAIL, ['\\Seen']);
    await client.append(FOLDER, listMail(MAILTO_LIST, '<mailto:leave@lists.example?subject=unsubscribe%20me>'), ['\\Seen']);
    await client.append(FOLDER, listMail(LINK_LIST, '<https://lists.example/leave?u=prue>'), ['\\Seen']);
  } finally {
    await client.logout();
  }
});

async function openMessage(page: Page, subject: string) {
  await row(page, subject).getByRole('link').click();
  await expect(page.getByTestId('message-subject')).toHaveText(subject);
}

const tools = (page: Page) => page.getByRole('group', { name: 'Message tools' });

test('Unsubscribe writes the list\'s mailto form in the composer, or opens its page in a new tab without an opener', async ({ page }) => {
  await signIn(page, USER);
  await openFolder(page, FOLDER);
  await openMessage(page, MAILTO_LIST);
  await tools(page).getByRole('button', { name: 'Unsubscribe', exact: true }).click();
  const composer = page.getByRole('dialog', { name: 'New message' });
  await expect(composer.getByTestId('recipient-chip')).toHaveText(['leave@lists.example×']);
  await expect(composer.getByLabel('Subject')).toHaveValue('unsubscribe me');
  await composer.getByRole('button', { name: 'Discard' }).click();
  await expect(composer).toHaveCount(0);

  await openMessage(page, LINK_LIST);
  const link = tools(page).getByRole('link', { name: 'Unsubscribe', exact: true });
  await expect(link).toHaveAttribute('href', 'https://lists.example/leave?u=prue');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  // Mail without List-Unsubscribe offers none.
  await openMessage(page, 'Corpus 01 Script tag');
  await expect(tools(page).getByRole('button', { name: 'Print' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unsubscribe', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Unsubscribe', exact: true })).toHaveCount(0);
});

test('Print shows only the message with its headers; View source shows the script as text and runs nothing; the .eml is the message', async ({ page, context }) => {
  await signIn(page, USER);
  await openFolder(page, FOLDER);
  await openMessage(page, LINK_LIST);

  // Print: the message and its headers, nothing of the folders, the list or the tools.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('message-subject')).toBeVisible();
  await expect(page.locator('article[data-print-message]').getByText('weekly@lists.example', { exact: false })).toBeVisible();
  await expect(page.locator('article[data-print-message]').getByText('This week in lists.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Message list' })).toBeHidden();
  await expect(page.locator(`[data-folder-path="${FOLDER}"]`)).toBeHidden();
  await expect(tools(page)).toBeHidden();
  const pdf = await page.pdf();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('region', { name: 'Message list' })).toBeVisible();

  // View source of the corpus's script message: a new tab of plain text.
  await openMessage(page, 'Corpus 01 Script tag');
  const dialogs: string[] = [];
  context.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const [source] = await Promise.all([context.waitForEvent('page'), tools(page).getByRole('link', { name: 'View source' }).click()]);
  source.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await source.waitForLoadState();
  expect(new URL(source.url()).pathname).toMatch(/^\/api\/messages\/[^/]+\/source$/);
  // Chromium shows text/plain as a <pre>: the script is its text, not an element.
  await expect(source.locator('pre')).toContainText('<script>window.__wrenPwned=1;alert(1)</script>');
  await expect(source.locator('pre')).toContainText('Subject: Corpus 01 Script tag');
  expect(await source.locator('script').count()).toBe(0);
  expect(await source.evaluate(() => (window as unknown as { __wrenPwned?: number }).__wrenPwned ?? null)).toBeNull();
  expect(await source.evaluate(() => window.opener)).toBeNull();
  expect(dialogs).toEqual([]);
  await source.close();

  // The .eml: downloaded, byte for byte the message as stored.
  const [download] = await Promise.all([page.waitForEvent('download'), tools(page).getByRole('link', { name: 'Download .eml' }).click()]);
  expect(download.suggestedFilename()).toBe('Corpus 01 Script tag.eml');
  const saved = readFileSync((await download.path())!);
  const client = await rawImap(USER);
  try {
    const [uid] = await uidsWithSubject(client, FOLDER, 'Corpus 01 Script tag');
    await client.mailboxOpen(FOLDER);
    const stored = await client.fetchOne(String(uid), { source: true }, { uid: true });
    expect(stored && stored.source && saved.equals(stored.source)).toBe(true);
  } finally {
    await client.logout();
  }
});
