import { expect, test } from '@playwright/test';
import { rawImap } from '../support/dovecot';
import { signIn } from './helpers';

// quill (this spec's own user, not seeded) has a 100 KB quota in the test Dovecot
// (scripts/test-stack.sh). The bar under the folder tree shows what Dovecot reports; from 90%
// it turns to a warning. Runs once per stack (quill's mailbox keeps what it brings).

test('the usage bar shows the server’s quota figures, and warns from 90%', async ({ page }) => {
  const client = await rawImap('quill');
  try {
    const body = `${'z'.repeat(1022)}\r\n`.repeat(92);
    const head = 'From: Ann <ann@example.org>\r\nTo: quill@example.com\r\nSubject: Big one\r\n\r\n';
    await client.append('INBOX', head + body.slice(head.length));
    const dovecot = await client.getQuota('INBOX');
    expect(dovecot && dovecot.storage).toEqual({ usage: 92 * 1024, limit: 100 * 1024, status: '92%' });
  } finally {
    await client.logout();
  }

  await signIn(page, 'quill');
  // The meter is named by its words; past its `low` mark (90%) the browser paints it as a warning.
  const meter = page.getByRole('complementary', { name: 'Folders' }).getByRole('meter', { name: '92 KB of 100 KB used' });
  await expect(meter).toHaveAttribute('value', '0.92');
  await expect(meter).toHaveAttribute('low', '0.9');
  expect(await meter.evaluate((m: HTMLMeterElement) => m.value >= m.low)).toBe(true);
});
