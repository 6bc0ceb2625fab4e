import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * axe in the page itself, the message frame left out. Legacy mode runs `axe.run` where the page
 * is; the default mode finishes each run in a new blank page of its own, which made a scan take
 * about 3 s instead of 1.2-2 (measured on the HTML message screen). Only violations are collected.
 */
function axeOn(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).exclude('iframe').setLegacyMode(true).options({ iframes: false, resultTypes: ['violations'] });
}

/** WCAG 2.2 AA and what it includes (axe's tags). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core on what `page` shows now: no serious or critical violation of WCAG 2.2 AA. A failure
 * lists each rule with its first nodes and what axe says is wrong, so it reads as a to-do.
 * `screen` names the screen in the message. Used by a11y.spec.ts (and the dark-mode spec). The
 * message frame is left out: it holds the sender's HTML, and it runs no script, so axe cannot run
 * in it and may wait for it until the test times out (seen on a loaded machine).
 */
export async function expectAccessible(page: Page, screen: string) {
  const { violations } = await axeOn(page).withTags(WCAG_TAGS).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} – ${n.failureSummary?.replace(/\s+/g, ' ')}`).join(' | ')}`);
  expect(serious, `axe on ${screen}`).toEqual([]);
}

/**
 * axe-core's color-contrast rule alone on what `page` shows now: every text at least 4.5:1 (3:1
 * large), 0 violations. For the dark theme (dark.spec.ts). Not inside the message frame: it runs
 * no script, so axe cannot run in it and may wait for it until the test times out; the frame's
 * colours are measured by the spec directly.
 */
export async function expectContrast(page: Page, screen: string) {
  const { violations } = await axeOn(page).withRules(['color-contrast']).analyze();
  const failures = violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.any.map((c) => c.message).join('; ')}`));
  expect(failures, `color-contrast on ${screen}`).toEqual([]);
}

