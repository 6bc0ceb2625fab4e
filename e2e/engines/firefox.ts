import { writeFile } from 'node:fs/promises';
import puppeteer, { TimeoutError } from 'puppeteer-core';
import type { Engine } from './engine';

/**
 * Debian's firefox-esr, headless, driven over WebDriver BiDi by puppeteer-core (which downloads
 * no browser). FIREFOX_PATH overrides the binary.
 */
export async function launchFirefox(): Promise<Engine> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    // Off the closed network: no captive-portal, update or safe-browsing requests.
    extraPrefsFirefox: {
      'network.captive-portal-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.update.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  // A click is one try (journey.ts retries with `until`, having found the element shown): not
  // puppeteer's locator, whose wait for a stable, visible element never ends on Wren's pages
  // under firefox-esr 140.12 (it clicks a plain page): CI29, "waited 15 s for ... Username".
  const clickOn = (css: string) => page.click(css);
  return {
    name: 'Firefox',
    goto: async (url) => {
      await page.goto(url);
    },
    // From the page: puppeteer's page.url() follows the navigation events, and firefox-esr 140.12
    // sends none for the History API's entries (it stayed on /mail while the page was on a folder).
    url: () => page.evaluate(() => window.location.href),
    back: async () => {
      // The driver's own traversal. Puppeteer then waits for a navigation event that firefox-esr
      // 140.12 does not send for a same-document entry (the mail view's History API, as for
      // url() above): the journey waits for the URL and the view itself.
      await page.goBack({ timeout: 3_000 }).catch((error: unknown) => {
        if (!(error instanceof TimeoutError)) throw error;
      });
    },
    run: <T>(body: string, ...args: unknown[]) =>
      page.evaluate(`(function () {\n${body}\n}).apply(null, ${JSON.stringify(args)})`) as Promise<T>,
    click: async (css) => {
      await clickOn(css);
    },
    type: async (css, text) => {
      await clickOn(css);
      await page.keyboard.type(text);
    },
    typeFocused: async (text) => {
      await page.keyboard.type(text);
    },
    screenshot: async (file) => {
      await writeFile(file, await page.screenshot());
    },
    close: () => browser.close(),
  };
}
