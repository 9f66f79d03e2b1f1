/**
 * A real browser for the web app's tests: Debian's Chromium (/usr/bin/chromium, installed by
 * .ci/run when missing; no browser download) driven by playwright-core. Every page records console
 * errors and uncaught exceptions, so a test can assert there were none; `check` runs axe and saves
 * a screenshot to docs/screenshots/ (shown in the README) and to test-artifacts/web/.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.join(__dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'web');

// The flags Chromium needs as root in a sandboxed, offline machine: no sandbox, no GPU, and no
// background calls to Google's services (refused here, and noisy).
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** An iPhone-sized phone (iPhone 14: 390 x 844 CSS pixels). */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;
export const DESKTOP = { viewport: { width: 1280, height: 860 } } as const;

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

export async function openPage(browser: Browser, device: typeof PHONE | typeof DESKTOP = PHONE): Promise<WatchedPage> {
  const context = await browser.newContext({ ...device, locale: 'en-US', timezoneId: 'America/Los_Angeles', serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    // A 4xx the page expects (wrong code, signed-out check) is logged by Chromium as a failed
    // resource; the page handles it, so it is not an error of the app's code.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return { page, context, errors };
}

/** Serious or critical accessibility violations on the page as it is now (axe-core). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Saves a full-page screenshot under docs/screenshots/<name>.png and test-artifacts/web/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await page.screenshot({ fullPage: true, animations: 'disabled' });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path.join(SCREENSHOTS, `${name}.png`), png);
  writeFileSync(path.join(ARTIFACTS, `${name}.png`), png);
}

/** A page as a user meets it: no serious a11y violation, and a screenshot to look at. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await settledAnimations(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, name);
}

/**
 * Waits for every finite animation of the page and its frames to end (at most 2 s): axe measures
 * colour contrast as painted, and a dialog fading in (Plaid Link's, 0.16 s) measured mid-fade
 * failed the contrast rule at random. Endless ones (spinners) are not waited for.
 */
async function settledAnimations(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    await frame
      // A string: this file compiles without the DOM's types, the page runs it with them.
      .evaluate(
        `Promise.race([
           Promise.all(document.getAnimations()
             .filter((a) => Number.isFinite(Number(a.effect && a.effect.getComputedTiming().endTime)))
             .map((a) => a.finished.catch(() => undefined))),
           new Promise((resolve) => setTimeout(resolve, 2000)),
         ])`,
      )
      .catch(() => undefined); // a frame navigating away has nothing left to wait for
  }
}
