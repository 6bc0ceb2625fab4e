import { expect, test } from '@playwright/test';
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
    await signIn(page, 'carol');
    await expect(page.getByTestId('message-row').first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('API answers may not load or run anything', async ({ request }) => {
    const res = await request.get('/api/session');
    expect(res.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
