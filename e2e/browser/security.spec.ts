import { expect, test } from '@playwright/test';
import { rawImap } from '../support/dovecot';
import { signIn } from './helpers';

test.describe("Wren's own pages", () => {
  test('scripts run only with the response’s nonce; no plugins, no <base>, no framing, no referrer', async ({ page }) => {
    const response = await page.goto('/login');
    const headers = response!.headers();
    const csp = headers['content-security-policy'];
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
    expect(headers['referrer-policy']).toBe('no-referrer');
    // Every script Next wrote carries this response's nonce.
    const nonces = await page.locator('script').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
    expect(nonces.length).toBeGreaterThan(0);
    expect(new Set(nonces)).toEqual(new Set([nonce]));
    // A fresh nonce per response.
    const again = (await page.request.get('/login')).headers()['content-security-policy'];
    expect(again).not.toContain(nonce!);
  });

  test('the mail view works under that policy, and no CSP violation is reported', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await signIn(page, 'sec');
    await expect(page.getByTestId('message-row').first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('API answers may not load or run anything', async ({ request }) => {
    const res = await request.get('/api/session');
    expect(res.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

test('a link whose text shows another host asks before opening, naming where it really goes', async ({ page }) => {
  const client = await rawImap('erin');
  const subject = `Your bank ${Date.now()}`;
  try {
    await client.append(
      'INBOX',
      `From: Bank <bank@example.org>\r\nTo: erin@example.com\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Sign in at <a href="https://evil.example/login">www.mybank.com</a></p>\r\n`,
    );
  } finally {
    await client.logout();
  }
  await signIn(page, 'erin');
  await page.getByRole('link', { name: new RegExp(subject) }).click();
  const frame = page.frameLocator('iframe[title="Message body"]');
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const popups: string[] = [];
  page.context().on('page', (p) => popups.push(p.url()));
  await frame.getByRole('link', { name: 'www.mybank.com' }).click();
  await expect.poll(() => dialogs).toHaveLength(1);
  expect(dialogs[0]).toContain('evil.example');
  expect(dialogs[0]).toContain('www.mybank.com');
  await page.waitForTimeout(300);
  expect(popups).toEqual([]);
});

test('"Always show from" a sender: their images load through the proxy without asking, after a reload too, until stopped', async ({ page }) => {
  const stamp = Date.now();
  const sender = `news-${stamp}@sender.example`;
  const html = (from: string, subject: string, image: string) =>
    `From: News <${from}>\r\nTo: erin@example.com\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>${subject} <img src="http://remote.invalid/${image}"></p>\r\n`;
  const client = await rawImap('erin');
  try {
    await client.append('INBOX', html(sender, `First ${stamp}`, 'first.png'));
    await client.append('INBOX', html(sender, `Second ${stamp}`, 'second.png'));
    await client.append('INBOX', html(`other-${stamp}@elsewhere.example`, `Other ${stamp}`, 'other.png'));
  } finally {
    await client.logout();
  }
  // Responses, not requests: Chromium reports a request the frame's CSP then blocks.
  const proxied: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/image-proxy')) proxied.push(new URL(r.url()).searchParams.get('u') ?? '');
  });
  const open = async (subject: string) => {
    await page.getByRole('link', { name: new RegExp(subject) }).click();
    await expect(page.frameLocator('iframe[title="Message body"]').locator('body')).toContainText(subject);
  };
  const blockedFor = async (image: string) => {
    await expect(page.getByRole('button', { name: 'Show images' })).toBeVisible();
    await page.waitForTimeout(400);
    expect(proxied.filter((u) => u.endsWith(image))).toEqual([]);
  };

  await signIn(page, 'erin');
  await open(`First ${stamp}`);
  await blockedFor('first.png');
  await page.getByRole('button', { name: `Always show from ${sender}` }).click();
  await expect.poll(() => proxied).toContain('http://remote.invalid/first.png');
  await expect(page.getByText(`Images from ${sender} are always shown.`)).toBeVisible();

  await page.reload();
  await open(`Second ${stamp}`);
  await expect.poll(() => proxied).toContain('http://remote.invalid/second.png');
  await expect(page.getByRole('button', { name: 'Show images' })).toHaveCount(0);
  await open(`Other ${stamp}`);
  await blockedFor('other.png');

  await open(`Second ${stamp}`);
  await page.getByRole('button', { name: 'Stop showing them' }).click();
  await expect(page.getByRole('button', { name: `Always show from ${sender}` })).toBeVisible();
  proxied.length = 0;
  await page.reload();
  await open(`First ${stamp}`);
  await blockedFor('first.png');
});
