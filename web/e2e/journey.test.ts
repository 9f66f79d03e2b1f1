/**
 * The customer's whole journey in a real browser (Debian's Chromium) on an iPhone-sized screen,
 * against the real stack: API serving the built app, worker, Temporal dev server, Plaid sandbox.
 * Sign up, code, link a bank through the emulated Plaid Link, apply and watch the steps, set the
 * threshold, the balance drops and an advance appears, arrives, and the repayment notice shows.
 * Every page is checked with axe and saved as a screenshot (docs/screenshots/).
 */
import type { Browser } from 'playwright-core';
import { startSystem, type TestSystem } from '../../test/support/system';
import { checkPage, DESKTOP, launchBrowser, openPage, type WatchedPage } from '../../test/support/browser';
import { eventually } from '../../test/support/wait';
import { accountIdOf, enterCode, linkBankInLink, signUp } from './customer';

let sys: TestSystem;
let browser: Browser;
let phone: WatchedPage;

beforeAll(async () => {
  // Transfer events reach the API through the Item's own webhook (set at link time); the sandbox's
  // global transfer-webhook setting is left alone, as other test files share this database.
  sys = await startSystem({ env: { TRANSFER_POLL_INTERVAL_SECONDS: '2' } });
  browser = await launchBrowser();
  phone = await openPage(browser);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

/** The Plaid transfer behind an advance or repayment, once Timely created it at Plaid. */
async function plaidTransferOf(accountId: string, purpose: 'disbursement' | 'repayment'): Promise<string> {
  return eventually(`the ${purpose} at Plaid`, async () => {
    const r = await sys.db.query(
      `SELECT a.plaid_transfer_id FROM transfers.attempts a JOIN transfers.transfers t ON t.id = a.transfer_id
        WHERE t.account_id = $1 AND t.purpose = $2 AND a.plaid_transfer_id IS NOT NULL ORDER BY a.attempt DESC LIMIT 1`,
      [accountId, purpose],
    );
    return r.rows[0]?.plaid_transfer_id as string | undefined;
  }, 45_000);
}

it('takes a new customer from sign-up to an advance on Home and its repayment notice', async () => {
  const { page, errors } = phone;
  const base = sys.api.url;

  // 1. Sign up, enter the code.
  await page.goto(`${base}/`);
  await page.waitForURL('**/signup');
  await checkPage(page, '01-sign-up');
  await signUp(page, base);
  await checkPage(page, '02-code');
  await enterCode(page);
  await page.waitForURL(`${base}/`);
  await page.getByRole('heading', { name: 'Next step: link your bank' }).waitFor();
  const accountId = await accountIdOf(page, base);

  // 2. Link a bank through the emulated Plaid Link as user_steady_biweekly.
  await page.getByRole('link', { name: 'Link your bank' }).click();
  await page.waitForURL('**/link');
  await checkPage(page, '03-link-bank');
  await page.getByRole('button', { name: 'Link your bank' }).click();
  await page.getByRole('dialog').waitFor();
  await checkPage(page, '04-plaid-link');
  await linkBankInLink(page, 'user_steady_biweekly');

  // 3. Apply and watch the steps, then approved with a limit.
  await page.waitForURL('**/apply');
  await checkPage(page, '05-apply');
  await page.getByRole('button', { name: 'Check my eligibility' }).click();
  // The steps show while the review runs; a review that is done before the page first asks for it
  // (it takes about a second) goes straight to the decision.
  await page.getByRole('list', { name: 'Application steps' }).or(page.getByRole('heading', { name: 'You’re approved' })).first().waitFor({ timeout: 45_000 });
  await page.getByRole('heading', { name: 'You’re approved' }).waitFor({ timeout: 45_000 });
  const limitText = await page.getByText(/^\$\d[\d,]*\.\d\d$/).first().textContent();
  expect(limitText).toMatch(/^\$\d[\d,]*\.\d\d$/);
  await expect(page.getByText(/We expect your next payday on/).count()).resolves.toBe(1);
  await checkPage(page, '06-approved');

  // 4. Set the threshold: $50 (default) to $100 with the slider's keys, then save.
  await page.getByRole('link', { name: 'Go to Home' }).click();
  const slider = page.getByRole('slider', { name: 'Send an advance when my balance drops below' });
  await slider.focus();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowRight');
  await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('$100.00');
  await page.getByRole('button', { name: 'Save threshold' }).click();
  await page.getByText('Saved. We’ll watch for $100.00.').waitFor();
  const me = await (await page.request.get(`${base}/v1/me`)).json();
  expect(me.advance.thresholdCents).toBe(10_000);
  await page.getByRole('figure').or(page.getByText('No balance history yet.')).first().waitFor();
  await checkPage(page, '07-home');

  // 5. The balance drops (a sandbox control: $20 left, then a coffee, which sends Plaid's
  // SYNC_UPDATES_AVAILABLE webhook); the evaluation sends an advance; it shows on Home.
  await sys.sandbox.control('/accounts/balance', { client_user_id: accountId, available: 20, current: 20 });
  await sys.sandbox.control('/transactions/add', { client_user_id: accountId, adjust_balance: false, transactions: [{ amount: 4.5, name: 'COFFEE SHOP' }] });
  await page.getByTestId('advance-state').filter({ hasText: 'On its way' }).waitFor({ timeout: 45_000 });
  await checkPage(page, '08-home-advance-on-its-way');
  const advanceTransfer = await plaidTransferOf(accountId, 'disbursement');
  for (const event_type of ['posted', 'settled'] as const) await sys.sandbox.plaid.sandboxTransferSimulate({ transfer_id: advanceTransfer, event_type });
  await sys.sandbox.sandbox.flushWebhooks();
  await page.getByTestId('advance-state').filter({ hasText: 'Arrived' }).waitFor({ timeout: 45_000 });

  // 6. Two days before payday the customer is told the date and amount.
  const sandboxDay = () => sys.sandbox.clock.now().toISOString().slice(0, 10);
  const payday = me.advance.expectedPayday as string;
  const lead = Math.round((Date.parse(payday) - Date.parse(sandboxDay())) / 86_400_000) - 2;
  if (lead > 0) await sys.sandbox.control('/clock/advance', { days: lead });
  await sys.sandbox.control('/transactions/add', { client_user_id: accountId, adjust_balance: false, transactions: [{ amount: 3.25, name: 'BAKERY', date: sandboxDay() }] });
  await page.getByTestId('repayment-notice').waitFor({ timeout: 45_000 });
  expect(await page.getByTestId('repayment-notice').textContent()).toMatch(/^Repayment of \$\d[\d,]*\.\d\d on \w{3}, \w{3} \d{1,2}\.$/);
  await checkPage(page, '09-home-repayment-notice');

  // Advances and Settings as the customer sees them now.
  await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: 'Advances' }).click();
  await page.getByRole('list', { name: 'Your advances' }).waitFor();
  await checkPage(page, '10-advances');
  await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await checkPage(page, '11-settings');

  // The same Home on a desktop screen.
  const desktop = await phone.context.browser()!.newContext({ ...DESKTOP, storageState: await phone.context.storageState() });
  const wide = await desktop.newPage();
  await wide.goto(`${base}/`);
  await wide.getByTestId('repayment-notice').waitFor();
  await wide.getByRole('figure').waitFor();
  await checkPage(wide, '12-home-desktop');
  await desktop.close();

  expect(errors).toEqual([]);
}, 240_000);
