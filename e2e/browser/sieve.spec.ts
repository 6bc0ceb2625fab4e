import { expect, test, type Page } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { deliverThroughPostfix, uniqueMessageId } from '../support/delivery';
import { openFolder, row, signIn } from './helpers';

// Vacation and filters set in the UI, run by the mail server on real delivery (SMTP to the
// stack's Postfix, LMTP to Dovecot, Pigeonhole): vale (this spec's own user, not seeded) sets
// them; vick writes to her and gets the vacation reply. Subjects carry a run mark, so the spec
// can run again on one stack.
const run = Date.now().toString(36);
test.describe.configure({ mode: 'serial' });

async function count(client: ImapFlow, folder: string, subject: string): Promise<number> {
  return (await uidsWithSubject(client, folder, subject)).length;
}

const deliverToVale = (from: string, subject: string) => deliverThroughPostfix({ from, to: 'vale@example.com', subject, messageId: uniqueMessageId('ui') });

/** vale's filters and vacation reply as a first run finds them: none (so the spec can run again on one stack). */
async function resetSieve(page: Page) {
  const headers = { origin: new URL(page.url()).origin };
  for (const [path, body] of [
    ['/api/filters', { rules: [], replaceActive: true }],
    ['/api/vacation', { vacation: { enabled: false }, replaceActive: true }],
  ] as const) {
    expect((await page.request.put(path, { data: body, headers })).status()).toBe(200);
  }
}

test('a vacation reply and a rule set in the UI act on mail delivered through Postfix', async ({ page }) => {
  const [vale, vick] = await Promise.all([rawImap('vale'), rawImap('vick')]);
  try {
    if (!(await vale.list()).some((f) => f.path === 'Invoices')) await vale.mailboxCreate('Invoices');
    await signIn(page, 'vale');
    await resetSieve(page);

    // Vacation: on, a subject and a text, one reply per sender per day.
    await page.goto('/settings/vacation');
    await expect(page.getByRole('heading', { name: 'Vacation reply', level: 2 })).toBeVisible();
    await page.getByLabel('Send a vacation reply').check();
    await page.getByLabel('Subject').fill(`Out of office (${run})`);
    await page.getByLabel('Message').fill('I am away this week.\nBack on Monday.');
    await page.getByLabel('Days between replies to the same sender').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved on your mail server')).toBeVisible();

    // A rule: subject contains "invoice <run>" -> move to Invoices, mark read.
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Filters' }).click();
    await expect(page.getByText('No rules yet.')).toBeVisible();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const rule = page.getByRole('listitem', { name: 'Rule 1' });
    await rule.getByLabel('Field').selectOption('subject');
    await rule.getByLabel('Text').fill(`invoice ${run}`);
    await rule.getByLabel('Move to folder').check();
    await rule.getByLabel('Folder', { exact: true }).selectOption({ label: 'Invoices' });
    await rule.getByLabel('Mark as read').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved on your mail server')).toBeVisible();

    // Delivered mail: the rule files the invoice; vick's first message gets the reply.
    await deliverToVale('vick@example.com', `Your invoice ${run}`);
    await expect.poll(() => count(vale, 'Invoices', `Your invoice ${run}`), { timeout: 30_000 }).toBe(1);
    expect(await count(vale, 'INBOX', `Your invoice ${run}`)).toBe(0);
    await expect.poll(() => count(vick, 'INBOX', `Out of office (${run})`), { timeout: 30_000 }).toBe(1);

    // Seen in the mail view: the invoice is in Invoices, already read.
    await page.goto('/mail');
    await openFolder(page, 'Invoices');
    await expect(row(page, `Your invoice ${run}`)).toBeVisible();
    await expect(row(page, `Your invoice ${run}`)).toHaveAttribute('data-unread', 'false');
  } finally {
    await Promise.all([vale.logout(), vick.logout()]);
  }
});

test('Block sender from an open message: a toast, and their next message goes to Junk, not the Inbox', async ({ page }) => {
  const vale = await rawImap('vale');
  try {
    const spammer = `deals-${run}@shop.example`;
    await deliverToVale(spammer, `Deal one ${run}`);
    await expect.poll(() => count(vale, 'INBOX', `Deal one ${run}`), { timeout: 30_000 }).toBe(1);

    await signIn(page, 'vale');
    await row(page, `Deal one ${run}`).click();
    await expect(page.getByTestId('message-subject')).toHaveText(`Deal one ${run}`);
    await page.getByRole('button', { name: 'Filter…' }).click();
    await page.getByRole('menuitem', { name: /Block sender/ }).click();
    await expect(page.getByTestId('toast')).toContainText(`Blocked: mail from ${spammer} will go to Junk`);

    await deliverToVale(spammer, `Deal two ${run}`);
    await expect.poll(() => count(vale, 'Spam', `Deal two ${run}`), { timeout: 30_000 }).toBe(1);
    expect(await count(vale, 'INBOX', `Deal two ${run}`)).toBe(0);

    // "Filter messages like this": the filters editor with a rule made from the message.
    await page.getByRole('button', { name: 'Filter…' }).click();
    await page.getByRole('menuitem', { name: 'Filter messages like this' }).click();
    await expect(page).toHaveURL(/\/settings\/filters$/);
    const rules = page.getByRole('list', { name: 'Filter rules' }).getByRole('listitem');
    await expect(rules).toHaveCount(3);
    await expect(rules.nth(0).getByLabel('Text')).toHaveValue(spammer);
    await expect(rules.nth(2).getByLabel('Field')).toHaveValue('from');
    await expect(rules.nth(2).getByLabel('Text')).toHaveValue(spammer);
    await expect(page.getByText('A new rule from the message is at the end')).toBeVisible();
  } finally {
    await vale.logout();
  }
});
