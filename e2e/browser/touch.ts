import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

type Point = { x: number; y: number };

/**
 * Real touch events through the DevTools protocol (what a finger sends, not synthetic DOM events),
 * once the gestures listen: the touch module arrives after hydration (use-touch-ui.ts), and a
 * gesture before it would do nothing.
 */
async function touchSession(page: Page) {
  await expect(page.locator('html[data-gestures="on"]')).toHaveCount(1);
  const cdp = await page.context().newCDPSession(page);
  const send = (type: 'touchStart' | 'touchMove' | 'touchEnd', p?: Point) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: Math.round(p.x), y: Math.round(p.y) }] : [] });
  return { send, detach: () => cdp.detach() };
}

/** The middle of `locator`, or a point at `fx` of its width. */
export async function pointIn(locator: Locator, fx = 0.5): Promise<Point> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width * fx, y: box.y + box.height / 2 };
}

/** A finger put down at `from`, moved to `to` in `steps` steps, lifted (after `beforeLift`, if given). */
export async function touchDrag(page: Page, from: Point, to: Point, steps = 12, beforeLift?: () => Promise<void>) {
  const touch = await touchSession(page);
  await touch.send('touchStart', from);
  for (let i = 1; i <= steps; i++) {
    await touch.send('touchMove', { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps });
  }
  await beforeLift?.();
  await touch.send('touchEnd');
  await touch.detach();
}

/** A finger held at `at` until `held` resolves (what the long press shows), then lifted. */
export async function touchHold(page: Page, at: Point, held: () => Promise<void>) {
  const touch = await touchSession(page);
  await touch.send('touchStart', at);
  try {
    await held();
  } finally {
    await touch.send('touchEnd');
    await touch.detach();
  }
}

const INTERACTIVE = 'a, button, input, select, textarea, [role=button], [role=checkbox], [role=menuitem], [role=menuitemradio], [tabindex]:not([tabindex="-1"])';

/**
 * One phone screen's checks: every visible interactive element at least 44x44 CSS px, no
 * horizontal scrolling, form fields at 16 px or more. Saves a screenshot as a test artefact.
 */
export async function checkPhoneScreen(page: Page, name: string, testInfo: TestInfo) {
  await saveScreen(page, name, testInfo);
  const found = await page.evaluate((selector) => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && el.checkVisibility();
    };
    const describe = (el: Element) => {
      const r = el.getBoundingClientRect();
      const label = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? '';
      return `${el.tagName.toLowerCase()} "${label}" ${Math.round(r.width)}x${Math.round(r.height)}`;
    };
    const all = [...document.querySelectorAll(selector)].filter(visible);
    return {
      count: all.length,
      small: all.filter((el) => el.getBoundingClientRect().width < 44 || el.getBoundingClientRect().height < 44).map(describe),
      smallFonts: [...document.querySelectorAll('input, select, textarea, [contenteditable]')]
        .filter((el) => visible(el) && parseFloat(getComputedStyle(el).fontSize) < 16)
        .map(describe),
      overflow: document.documentElement.scrollWidth - innerWidth,
    };
  }, INTERACTIVE);
  expect(found.count, `${name}: something to touch`).toBeGreaterThan(0);
  expect(found.small, `${name}: targets under 44x44`).toEqual([]);
  expect(found.smallFonts, `${name}: fields under 16 px`).toEqual([]);
  expect(found.overflow, `${name}: horizontal overflow`).toBeLessThanOrEqual(0);
}

/** A screenshot of the screen as it is, attached to the report and kept in test-results/screens/. */
export async function saveScreen(page: Page, name: string, testInfo: TestInfo) {
  const dir = join('test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${testInfo.project.name}-${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
