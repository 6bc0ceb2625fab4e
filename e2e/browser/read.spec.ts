import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { hasFlag, rawImap } from '../support/dovecot';
import { fixture, manifest } from '../support/manifest';
import { openFolder, row, signIn } from './helpers';

test.describe('reading mail', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'carol');
  });

  test('hostile HTML renders in a sandbox without allow-scripts; script and onerror never run', async ({ page }) => {
    const f = fixture('INBOX', 'Hostile newsletter');
    await row(page, f.subject).click();
    const frame = page.locator('iframe[title="Message body"]');
    await expect(frame).toBeVisible();
    const sandbox = (await frame.getAttribute('sandbox')) ?? '';
    expect(sandbox.split(/\s+/)).not.toContain('allow-scripts');
    expect(sandbox).not.toMatch(/allow-forms|allow-top-navigation/);
    const body = page.frameLocator('iframe[title="Message body"]').locator('body');
    await expect(body).toContainText('Wren Weekly');
    const pwned = await page.evaluate(() => {
      const w = window as unknown as { __wrenPwned?: unknown };
      const frameWindow = document.querySelector<HTMLIFrameElement>('iframe[title="Message body"]')!.contentWindow as unknown as { __wrenPwned?: unknown };
      return [w.__wrenPwned ?? null, frameWindow.__wrenPwned ?? null];
    });
    expect(pwned).toEqual([null, null]);
    await expect(body.locator('script')).toHaveCount(0);
    await expect(body.locator('[onerror]')).toHaveCount(0);
    const link = body.getByRole('link', { name: 'News' });
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(link).toHaveAttribute('target', '_blank');
  });

  test('a remote image is not requested until "Show images", and then only through Wren’s image proxy', async ({ page }) => {
    const direct: string[] = [];
    const proxied: string[] = [];
    await page.route('http://remote.invalid/**', async (route) => {
      direct.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'image/png', body: Buffer.alloc(0) });
    });
    // Responses, not requests: Chromium reports a request the frame's CSP then blocks.
    page.on('response', (r) => {
      if (r.url().includes('/api/image-proxy')) proxied.push(new URL(r.url()).searchParams.get('u') ?? '');
    });
    await row(page, 'Hostile newsletter').click();
    await expect(page.frameLocator('iframe[title="Message body"]').locator('body')).toContainText('Wren Weekly');
    await page.waitForTimeout(500);
    expect(proxied).toEqual([]);
    await page.getByRole('button', { name: 'Show images' }).click();
    await expect.poll(() => proxied).toContain('http://remote.invalid/pixel.png');
    expect(direct).toEqual([]);
  });

  test('a row shows a line of the message under its subject (the server\'s PREVIEW), cut to one line', async ({ page }) => {
    await expect(row(page, 'Café ☕ meeting').locator('.message-preview')).toHaveText('Shall we meet at the café on Friday? Bis bald!');
    // The newsletter's HTML comes as its text only, shown as text.
    await expect(row(page, 'Hostile newsletter').locator('.message-preview')).toHaveText(/^Wren Weekly This week in brief/);
    const long = row(page, 'Plain hello').locator('.message-preview');
    await expect(long).toContainText('Hi Alice, Have a look at https://example.org/wren');
    const fit = await long.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const rowBox = el.closest('[data-testid="message-row"]')!.getBoundingClientRect();
      return { oneLine: box.height <= parseFloat(getComputedStyle(el).lineHeight) + 1, cut: el.scrollWidth > el.clientWidth, inside: box.bottom <= rowBox.bottom };
    });
    expect(fit).toEqual({ oneLine: true, cut: true, inside: true });
  });

  test('plain text is escaped and its links clickable', async ({ page }) => {
    await row(page, 'Plain hello').click();
    const body = page.getByTestId('plain-body');
    await expect(body).toContainText('Grüße aus Köln – see you soon ☺');
    const link = body.getByRole('link', { name: 'https://example.org/wren' });
    await expect(link).toHaveAttribute('href', 'https://example.org/wren');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  test('opening marks the message read on the server; "Mark unread" reverses it', async ({ page }) => {
    const f = fixture('INBOX', 'Café ☕ meeting');
    const client = await rawImap('carol');
    try {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsRemove(String(f.uid), ['\\Seen'], { uid: true });
      await page.reload();
      const target = row(page, f.subject);
      await expect(target).toHaveAttribute('data-unread', 'true');
      await target.click();
      await expect(page.getByTestId('message-subject')).toHaveText(f.subject);
      await expect(target).toHaveAttribute('data-unread', 'false');
      const seen = () => hasFlag(client, f.uid, '\\Seen');
      await expect.poll(seen).toBe(true);
      await page.getByRole('button', { name: 'Mark unread' }).click();
      await expect(target).toHaveAttribute('data-unread', 'true');
      await expect.poll(seen).toBe(false);
    } finally {
      await client.logout();
    }
  });

  test('headers and the attachment list; a download’s sha256 equals the original’s', async ({ page }) => {
    const f = fixture('INBOX', 'Report attached');
    await row(page, f.subject).click();
    await expect(page.getByText(`${f.from.name} <${f.from.address}>`)).toBeVisible();
    const attachments = page.getByRole('list', { name: 'Attachments' });
    await expect(attachments).toContainText(f.attachments[0].filename);
    await expect(attachments).toContainText('3.0 KB');
    const [download] = await Promise.all([page.waitForEvent('download'), attachments.getByRole('link').first().click()]);
    expect(download.suggestedFilename()).toBe(f.attachments[0].filename);
    const bytes = await readFile((await download.path())!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.attachments[0].sha256);
  });

  test('an inline cid: image shows inside the frame from Wren’s own route', async ({ page }) => {
    await row(page, 'Inline logo').click();
    const img = page.frameLocator('iframe[title="Message body"]').locator('img').first();
    await expect(img).toHaveAttribute('src', /\/api\/messages\/.+\/attachments\/2\?inline=1$/);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  });

  test('charsets and encoded-word subjects decode in the list and the message', async ({ page }) => {
    await openFolder(page, 'Charsets');
    for (const f of manifest.messages.filter((m) => m.folder === 'Charsets')) {
      await row(page, f.subject).click();
      await expect(page.getByTestId('message-subject')).toHaveText(f.subject);
      await expect(page.getByTestId('plain-body')).toContainText(f.textContains[0]);
    }
  });
});
