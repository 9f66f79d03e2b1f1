/**
 * The support console in a real browser against the real stack: a support agent enrols by QR at
 * the first sign-in, finds an R01-returned repayment in the queue, retries it with a note (a double
 * click makes one attempt) and sees it settle; an R02 return cannot be retried and says why; roles
 * hold in the page and at the API; an operator's dashboard shows the return rates of what was
 * returned; a customer's session does not open the console. Its own database, so the dashboard's
 * figures are exactly this file's.
 */
import type { Browser, Page } from 'playwright-core';
import { createStaff } from '../../activities/accounts/staff';
import { getPool } from '../../db/pool';
import { call } from '../../test/support/api';
import { checkPage, DESKTOP, launchBrowser, openPage } from '../../test/support/browser';
import { useIsolatedDatabase } from '../../test/support/isolated-db';
import { STAFF_PASSWORD, totpOf, uniqueStaffEmail } from '../../test/support/staff';
import { startSystem, type TestSystem } from '../../test/support/system';
import { customerWithReturnedRepayment, plaidTransferIdOf, simulate, webhookUrlOf } from '../../test/support/transfers';
import { eventually } from '../../test/support/wait';
import { enterCode, signUp } from './customer';

let isolated: Awaited<ReturnType<typeof useIsolatedDatabase>>;
let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  isolated = await useIsolatedDatabase('web_console');
  sys = await startSystem({ env: { TRANSFER_POLL_INTERVAL_SECONDS: '2', TRANSFER_ESCALATE_AFTER_SECONDS: '3600' } });
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
  await isolated?.drop();
});

/** A customer whose advance settled and whose repayment came back with `code`, with the name support sees. */
async function returnedRepayment(code: string) {
  const c = await customerWithReturnedRepayment(sys, code);
  const name = (await sys.db.query('SELECT first_name, last_name FROM accounts.accounts WHERE id = $1', [c.accountId])).rows[0];
  return { ...c, customerName: `${name.first_name} ${name.last_name}` };
}

/** First sign-in of a new member: password, the QR code, then a code from the secret on the page. */
async function enrolAndSignIn(page: Page, email: string, shot?: string): Promise<void> {
  await page.goto(`${sys.api.url}/console`);
  await page.waitForURL('**/console/signin');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Set up your authenticator' }).waitFor();
  await page.getByTestId('totp-qr').waitFor();
  if (shot) await checkPage(page, shot);
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByLabel('Authenticator code').fill(totpOf(secret));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await page.waitForURL(`${sys.api.url}/console`);
}

async function newMember(role: 'support' | 'operator') {
  return createStaff(getPool(), { email: uniqueStaffEmail(role), password: STAFF_PASSWORD, role });
}

it('lets a support agent enrol by QR, find an R01-returned repayment, retry it once with a note, and see it settle', async () => {
  const r01 = await returnedRepayment('R01');
  const agent = await newMember('support');
  const { page, errors } = await openPage(browser, DESKTOP);
  await enrolAndSignIn(page, agent.email, '20-console-enrol');

  // The queue: the customer, the amount, the code in words, how long, the rule in a sentence.
  const row = page.getByTestId('queue-row').filter({ hasText: r01.customerName });
  await row.waitFor();
  await expect(row.textContent()).resolves.toMatch(/\$30\.00.*R01.*Insufficient funds.*min.*[Pp]resented/);
  await checkPage(page, '21-console-queue');

  await row.getByRole('link', { name: r01.customerName }).click();
  await page.getByTestId('ledger-sum').waitFor();
  await expect(page.getByTestId('ledger-sum').textContent()).resolves.toBe('$0.00');
  await checkPage(page, '22-console-transfer');

  // Retry with a note; a double click on the confirmation makes exactly one new attempt.
  await page.getByRole('button', { name: 'Retry', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Note (stored with the action)').fill('Customer says payday moved; presenting again.');
  await dialog.getByRole('button', { name: 'Retry now' }).dblclick();
  await dialog.waitFor({ state: 'hidden' });
  const pid2 = await plaidTransferIdOf(r01.repayment.id, 2);
  const attempts = async () => Number((await sys.db.query('SELECT count(*) FROM transfers.attempts WHERE transfer_id = $1', [r01.repayment.id])).rows[0].count);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await attempts()).toBe(2);
  // One action recorded, with who and the note: the page sent one request.
  const actions = page.getByRole('list', { name: 'Staff actions' }).getByRole('listitem');
  await actions.first().waitFor();
  await expect(actions.count()).resolves.toBe(1);
  await expect(actions.first().textContent()).resolves.toMatch(new RegExp(`retry.*accepted.*${agent.email.replace(/\./g, '\\.')}.*Customer says payday moved; presenting again\\.`));

  const hook = webhookUrlOf(sys.api);
  for (const e of ['posted', 'settled', 'funds_available'] as const) await simulate(sys.sandbox, pid2, e, hook);
  await page.getByText(/Status completed/).waitFor({ timeout: 30_000 });
  const advance = await eventually('the advance to be repaid', async () => {
    const r = await sys.db.query('SELECT status FROM transfers.advances WHERE id = $1', [r01.repayment.advanceId]);
    return r.rows[0]?.status === 'repaid' ? r.rows[0] : undefined;
  });
  expect(advance.status).toBe('repaid');
  expect(await attempts()).toBe(2);
  expect(errors).toEqual([]);
}, 180_000);

it('shows Retry disabled with the rule for an R02 return; support sees no sweep or staff management, and the API refuses both', async () => {
  const r02 = await returnedRepayment('R02');
  const agent = await newMember('support');
  const { page, errors } = await openPage(browser, DESKTOP);
  await enrolAndSignIn(page, agent.email);
  await page.getByTestId('queue-row').filter({ hasText: r02.customerName }).getByRole('link').click();
  const retry = page.getByRole('button', { name: 'Retry', exact: true });
  await retry.waitFor();
  await expect(retry.isDisabled()).resolves.toBe(true);
  await expect(page.getByTestId('transfer-rule').textContent()).resolves.toMatch(/[Nn]ever presented again/);
  await checkPage(page, '23-console-transfer-r02');

  const nav = page.getByRole('navigation', { name: 'Console' });
  await expect(nav.getByRole('link', { name: 'Dashboard' }).count()).resolves.toBe(0);
  await expect(nav.getByRole('link', { name: 'Staff' }).count()).resolves.toBe(0);
  // Through the page's own session cookie, from the app's origin: the roles hold at the API.
  const origin = { origin: sys.api.url };
  expect((await page.request.post(`${sys.api.url}/v1/admin/evaluations`, { data: {}, headers: origin })).status()).toBe(403);
  expect((await page.request.get(`${sys.api.url}/v1/admin/staff`)).status()).toBe(403);
  expect((await page.request.post(`${sys.api.url}/v1/admin/staff`, { data: { email: uniqueStaffEmail('x'), password: STAFF_PASSWORD, role: 'operator' }, headers: origin })).status()).toBe(403);
  expect((await page.request.get(`${sys.api.url}/v1/admin/dashboard`)).status()).toBe(403);

  // Accounts: search and one account's page, with evaluate now.
  await nav.getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('Search by name, email or phone').fill(r02.customerName.split(' ')[1]);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: r02.customerName }).click();
  await page.getByRole('button', { name: 'Evaluate now' }).waitFor();
  // Second factors without secrets; support sees them but has no way to remove one.
  await page.getByText('Off: the phone code alone signs in.').waitFor();
  await checkPage(page, '24-console-account');
  expect(errors).toEqual([]);
}, 180_000);

it('shows an operator the dashboard, with return rates that match the returns stored', async () => {
  const operator = await newMember('operator');
  const { page, errors } = await openPage(browser, DESKTOP);
  await enrolAndSignIn(page, operator.email);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  const api = await (await page.request.get(`${sys.api.url}/v1/admin/dashboard`)).json();
  // This file's own database: the returns seeded above (R01 and R02 on repayments).
  const stored = (await sys.db.query(`SELECT a.return_code FROM transfers.attempts a JOIN transfers.transfers t ON t.id = a.transfer_id WHERE t.direction = 'debit' AND a.return_code IS NOT NULL`)).rows.map((r) => r.return_code);
  expect(stored.sort()).toEqual(['R01', 'R02']);
  const admin = api.returnRates.classes.find((c: { name: string }) => c.name === 'administrative');
  expect(admin.returns).toBe(1);
  expect(api.returnRates.classes.find((c: { name: string }) => c.name === 'overall').returns).toBe(2);
  expect(api.returnRates.classes.find((c: { name: string }) => c.name === 'unauthorized').returns).toBe(0);
  const desc = await page.locator('svg desc').textContent();
  expect(desc).toContain(`Administrative: ${(admin.rate * 100).toFixed(admin.rate < 0.01 ? 2 : 1)}% (1 of ${api.returnRates.debitEntries} debits)`);
  await page.getByRole('button', { name: 'Run a sweep now' }).waitFor();
  // The daily money checks: repayment debits run (no pause), nothing reconciled yet on this database.
  await expect(page.getByTestId('debits-running').textContent()).resolves.toMatch(/^Running\./);
  await page.getByRole('table', { name: 'Open reconciliation mismatches' }).getByText('Nothing open').waitFor();
  await checkPage(page, '25-console-dashboard');
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('table', { name: 'Staff' }).waitFor();
  await checkPage(page, '26-console-staff');
  expect(errors).toEqual([]);
}, 120_000);

it('does not open the console for a customer session', async () => {
  const { page, errors } = await openPage(browser);
  await signUp(page, sys.api.url);
  await enterCode(page);
  await page.waitForURL(`${sys.api.url}/`);
  await page.goto(`${sys.api.url}/console`);
  await page.waitForURL('**/console/signin');
  await checkPage(page, '27-console-sign-in');
  expect((await page.request.get(`${sys.api.url}/v1/admin/transfers/queue`)).status()).toBe(401);
  const bearer = await call(sys.api, 'GET', '/v1/staff/me', { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
  expect(bearer.status).toBe(401);
  expect(errors).toEqual([]);
}, 60_000);
