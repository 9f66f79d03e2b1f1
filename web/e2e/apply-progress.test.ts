/**
 * The application's steps while the review runs, in a real browser. No worker serves this system,
 * so the application stays under review, before its first step, and the page shows its steps
 * whatever the machine's speed (the journey test's review may be done before its page first asks).
 * The API gives the workflow's progress query 2 s, then answers from the stored application.
 * Checked with axe and saved.
 */
import type { Browser } from 'playwright-core';
import { checkPage, launchBrowser, openPage, type WatchedPage } from '../../test/support/browser';
import { startSystem, type TestSystem } from '../../test/support/system';
import { enterCode, linkBankBeside, signUp } from './customer';

let sys: TestSystem;
let browser: Browser;
let phone: WatchedPage;
let base: string;

beforeAll(async () => {
  sys = await startSystem({ worker: false });
  base = sys.api.url;
  browser = await launchBrowser();
  phone = await openPage(browser);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

it('shows the steps of an application under review, each still to do until a worker takes the first', async () => {
  const { page, errors } = phone;
  await signUp(page, base);
  await enterCode(page);
  await page.waitForURL(`${base}/`);
  await linkBankBeside(page, base);

  await page.goto(`${base}/apply`);
  await page.getByRole('button', { name: 'Check my eligibility' }).click();
  await page.waitForURL('**/apply/*');
  await page.getByRole('heading', { name: 'Reviewing your application…' }).waitFor();
  const steps = page.getByRole('list', { name: 'Application steps' }).getByRole('listitem');
  await steps.first().waitFor();
  const states = await steps.evaluateAll((items) => items.map((i) => i.getAttribute('data-state')));
  // No worker has taken the first step yet: every step is still to do, and says so in words.
  expect(states.length).toBeGreaterThan(2);
  expect(states.every((s) => s === 'todo')).toBe(true);
  await expect(steps.first().textContent()).resolves.toMatch(/\(to do\)$/);
  await checkPage(page, '05b-apply-steps');
  expect(errors).toEqual([]);
}, 120_000);
