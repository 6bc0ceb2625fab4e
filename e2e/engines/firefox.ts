import { writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
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
  // One try of a click or a field (journey.ts retries with `until` for 15 s): a third of it, so
  // an element the page replaced after it was marked (hydration, a re-render) is found again
  // instead of waited for until the step's time is gone (CI29: "waited 15 s for ... Username").
  const at = (css: string) => page.locator(css).setTimeout(5_000);
  return {
    name: 'Firefox',
    goto: async (url) => {
      await page.goto(url);
    },
    url: async () => page.url(),
    back: async () => {
      await page.goBack();
    },
    run: <T>(body: string, ...args: unknown[]) =>
      page.evaluate(`(function () {\n${body}\n}).apply(null, ${JSON.stringify(args)})`) as Promise<T>,
    click: async (css) => {
      await at(css).click();
    },
    type: async (css, text) => {
      await at(css).click();
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
