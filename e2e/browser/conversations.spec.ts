import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { rawImap } from '../support/dovecot';
import { appendConversation, conversationPieces } from '../api/conversation-fixtures';
import { signInWithForm } from './helpers';

// Conversations (#21) in the browser. theo (not seeded) turns the setting on in Settings, and
// the test appends a conversation of its own (a fresh tag) to INBOX, Sent and Archive: Ann
// writes, theo answers (Sent), Bob answers (Archive), Ann answers twice (INBOX); besides, Cat's
// message with the same subject that replies to nothing, and Zed's Lunch.
const USER = 'theo';

test('a conversation across INBOX, Sent and Archive is one row, opens as one stack in order, n/p walk it, e archives all of it', async ({ page }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const raw = await rawImap(USER);
  try {
    await appendConversation(raw, conversationPieces(tag, USER), USER, { inbox: 'INBOX', sent: 'Sent Messages', archive: 'Archives' });
  } finally {
    await raw.logout();
  }
  await signInWithForm(page, USER);
  // On by default: a new user's list is conversations.
  await page.goto('/settings/general');
  await expect(page.getByRole('checkbox', { name: /Group messages into conversations/ })).toBeChecked();
  await page.goto('/mail');

  const mine = page.getByTestId('message-row').filter({ hasText: tag });
  // Newest first: the conversation (its newest message came last), Cat's lone reply, Lunch.
  await expect(mine).toHaveCount(3);
  const conversationRow = mine.first();
  await expect(conversationRow.getByTestId('row-count')).toHaveText('3');
  await expect(conversationRow.getByRole('link')).toHaveAccessibleName(/^unread, starred, from Ann Root, Re: Offsite .*, 3 messages/);
  await expect(mine.nth(1).getByTestId('row-count')).toHaveCount(0);

  await conversationRow.getByRole('link').click();
  const stack = page.getByTestId('conversation-message');
  await expect(page.getByTestId('conversation-subject')).toHaveText(`Re: Offsite ${tag}`);
  // Oldest first, with theo's reply from Sent and Bob's from Archive; Cat's same-subject message is not in it.
  await expect(stack.locator('button[aria-expanded]')).toHaveText([/^Ann Root/, new RegExp(`^${USER}.*in Sent`), /^Bob Two.*in Archive/, /^Ann Root/, /^Ann Root/]);
  // The unread (Ann's first and last) and the newest are expanded; the others are one line with a preview.
  await expect(stack.nth(0)).toHaveAttribute('data-expanded', 'true');
  await expect(stack.nth(1)).toHaveAttribute('data-expanded', 'false');
  await expect(stack.nth(1).getByTestId('conversation-preview')).toBeVisible();
  await expect(stack.nth(4)).toHaveAttribute('data-expanded', 'true');
  await expect(page.getByTestId('conversation-body')).toHaveCount(2);

  // n and p move within the conversation, expanding what they reach.
  await expect(stack.nth(0)).toHaveAttribute('data-current', 'true');
  await page.locator('body').press('n');
  await expect(stack.nth(1)).toHaveAttribute('data-current', 'true');
  await expect(stack.nth(1)).toHaveAttribute('data-expanded', 'true');
  await page.locator('body').press('n');
  await page.locator('body').press('p');
  await expect(stack.nth(1)).toHaveAttribute('data-current', 'true');

  // e archives the open conversation: all three of its INBOX messages.
  await page.locator('body').press('e');
  await expect(mine).toHaveCount(2);
  const check = await rawImap(USER);
  try {
    const subjects = async (path: string) => {
      const lock = await check.getMailboxLock(path);
      try {
        // NOOP: the expunges of Wren's MOVE reach this connection (a FETCH by number may not tell them).
        await check.noop();
        return (await check.fetchAll('1:*', { envelope: true })).map((m) => `${m.envelope?.from?.[0]?.name} ${m.envelope?.subject}`).filter((s) => s.includes(tag));
      } finally {
        lock.release();
      }
    };
    // The row leaves at once; the move reaches the server a moment later.
    await expect.poll(async () => (await subjects('INBOX')).sort()).toEqual([`Cat Three Re: Offsite ${tag}`, `Zed Other Lunch ${tag}`]);
    expect((await subjects('Archives')).filter((s) => s.startsWith('Ann Root'))).toHaveLength(3);
  } finally {
    await check.logout();
  }
});
