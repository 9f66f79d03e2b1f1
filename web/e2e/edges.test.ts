/**
 * The web app where things go other than planned, in a real browser against the real stack:
 * a declined application reads as sentences, a wrong code says so, an API error keeps the input,
 * a reload keeps the session and sign-out ends it, and leaving Plaid Link changes nothing.
 */
import type { Browser } from 'playwright-core';
import { uniqueCustomer } from '../../test/support/api';
import { checkPage, launchBrowser, openPage } from '../../test/support/browser';
import { startSystem, type TestSystem } from '../../test/support/system';
import { accountIdOf, enterCode, fillSignUp, linkBankInLink, signIn, signUp } from './customer';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  sys = await startSystem();
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

it('shows user_no_income the reasons for a decline in words, never codes', async () => {
  const { page, errors } = await openPage(browser);
  await signUp(page, sys.api.url);
  await signIn(page, sys.api.url);
  await page.getByRole('link', { name: 'Link your bank' }).click();
  await page.getByRole('button', { name: 'Link your bank' }).click();
  await linkBankInLink(page, 'user_no_income');
  await page.getByRole('button', { name: 'Check my eligibility' }).click();
  await page.getByRole('heading', { name: 'We can’t offer you an advance right now' }).waitFor({ timeout: 45_000 });
  await page.getByText("We didn't find regular income, such as paychecks, deposited to the linked account.").waitFor();
  expect(await page.locator('main').textContent()).not.toMatch(/NO_RECURRING_INCOME|[A-Z]{3,}_[A-Z_]{3,}/);
  await checkPage(page, '13-declined');
  expect(errors).toEqual([]);
}, 120_000);

it('says a wrong code is wrong, with the tries left, and then accepts the right one', async () => {
  const { page, errors } = await openPage(browser);
  await signUp(page, sys.api.url);
  await enterCode(page, '123456');
  await page.getByRole('alert').filter({ hasText: 'That code isn’t right. 4 tries left.' }).waitFor();
  await expect(page.getByLabel('6-digit code').inputValue()).resolves.toBe('123456');
  await checkPage(page, '14-code-wrong');
  // A new code is refused until the countdown or the limit allows; the code itself still works.
  await enterCode(page, '000000');
  await page.waitForURL(`${sys.api.url}/`);
  expect(errors).toEqual([]);
}, 60_000);

it('shows an API error beside its field and keeps what was typed', async () => {
  const { page, errors } = await openPage(browser);
  const taken = uniqueCustomer();
  await signUp(page, sys.api.url, taken);
  // A second person with the same email: the API answers 409; and a malformed email: 400 on the field.
  const other = await openPage(browser);
  await other.page.goto(`${sys.api.url}/signup`);
  const second = { ...uniqueCustomer(), email: 'not-an-email' };
  await fillSignUp(other.page, second);
  await other.page.getByRole('button', { name: 'Continue' }).click();
  const emailError = other.page.getByText('must be a valid email address');
  await emailError.waitFor();
  await expect(other.page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(other.page.getByLabel('First name').inputValue()).resolves.toBe(second.firstName);
  await expect(other.page.getByLabel('Mobile phone').inputValue()).resolves.toContain(second.phone.slice(-4));
  await checkPage(other.page, '15-sign-up-field-error');
  await other.page.getByLabel('Email').fill(taken.email);
  await other.page.getByRole('button', { name: 'Continue' }).click();
  await other.page.getByRole('alert').filter({ hasText: 'Already registered' }).waitFor();
  await expect(other.page.getByLabel('Last name').inputValue()).resolves.toBe(second.lastName);
  expect(errors).toEqual([]);
  expect(other.errors).toEqual([]);
}, 60_000);

it('keeps the session over a reload, and sign-out ends it on the server', async () => {
  const { page, context, errors } = await openPage(browser);
  await signUp(page, sys.api.url);
  await signIn(page, sys.api.url);
  await page.getByRole('heading', { name: /^Hi / }).waitFor();
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'timely_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(await page.evaluate<string>('document.cookie')).not.toContain('timely_session');
  expect(await page.evaluate<string>('JSON.stringify(localStorage) + JSON.stringify(sessionStorage)')).not.toContain(session!.value);

  await page.reload();
  await page.getByRole('heading', { name: /^Hi / }).waitFor();
  expect(page.url()).toBe(`${sys.api.url}/`);

  await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/signin');
  // The old cookie is dead at the server, not only forgotten by the browser.
  const replay = await fetch(`${sys.api.url}/v1/me`, { headers: { cookie: `timely_session=${session!.value}` } });
  expect(replay.status).toBe(401);
  await page.goto(`${sys.api.url}/`);
  await page.waitForURL('**/signin');
  await checkPage(page, '16-sign-in');
  expect(errors).toEqual([]);
}, 60_000);

it('changes nothing when the customer leaves Plaid Link', async () => {
  const { page, errors } = await openPage(browser);
  await signUp(page, sys.api.url);
  await signIn(page, sys.api.url);
  const accountId = await accountIdOf(page, sys.api.url);
  await page.getByRole('link', { name: 'Link your bank' }).click();
  await page.getByRole('button', { name: 'Link your bank' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByRole('status').filter({ hasText: 'Nothing was changed.' }).waitFor();
  expect((await page.request.get(`${sys.api.url}/v1/bank`)).status()).toBeGreaterThanOrEqual(400);
  expect((await sys.db.query('SELECT count(*)::int AS n FROM bank.items WHERE account_id = $1', [accountId])).rows[0].n).toBe(0);
  const atPlaid = await sys.sandbox.control<{ items: unknown[] }>(`/items?client_user_id=${accountId}`);
  expect(atPlaid.items).toEqual([]);
  expect(errors).toEqual([]);
}, 60_000);

it('re-links a bank that needs its login again, from the same page, through Link update mode', async () => {
  const { page, errors } = await openPage(browser);
  await signUp(page, sys.api.url);
  await signIn(page, sys.api.url);
  const accountId = await accountIdOf(page, sys.api.url);
  await page.getByRole('link', { name: 'Link your bank' }).click();
  await page.getByRole('button', { name: 'Link your bank' }).click();
  await linkBankInLink(page, 'user_good');
  await page.waitForURL('**/apply');

  // The bank asks the customer to sign in again (Plaid's ITEM_LOGIN_REQUIRED, with its webhook).
  const [item] = (await sys.sandbox.control<{ items: { access_token: string }[] }>(`/items?client_user_id=${accountId}`)).items;
  await sys.sandbox.plaid.sandboxItemResetLogin({ access_token: item.access_token });
  await sys.sandbox.sandbox.flushWebhooks();
  await page.goto(`${sys.api.url}/link`);
  await page.getByRole('heading', { name: 'Reconnect your bank' }).waitFor({ timeout: 20_000 });
  await checkPage(page, '17-reconnect-bank');
  await page.getByRole('button', { name: 'Sign in to your bank' }).click();
  const link = page.getByRole('dialog');
  await link.getByRole('heading', { name: /Sign in again/ }).waitFor();
  // Link fills in the same test user; signing in repairs the same Item.
  await link.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${sys.api.url}/`);
  const bank = await (await page.request.get(`${sys.api.url}/v1/bank`)).json();
  expect(bank.status).toBe('active');
  expect(errors).toEqual([]);
}, 90_000);

it('installs as an app, and its service worker caches the shell but never an API answer', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(`${sys.api.url}/signup`);
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await page.request.get(`${sys.api.url}${manifestHref}`)).json();
  expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', theme_color: expect.stringMatching(/^#/) });
  for (const icon of manifest.icons as { src: string }[]) expect((await page.request.get(`${sys.api.url}${icon.src}`)).status()).toBe(200);
  expect(await page.locator('link[rel="apple-touch-icon"]').count()).toBe(1);
  expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toContain('viewport-fit=cover');

  // Signed in, with the worker controlling the page: API answers travel, but none is cached.
  expect(await page.evaluate<boolean>('navigator.serviceWorker.ready.then(() => true)')).toBe(true);
  await signUp(page, sys.api.url);
  await signIn(page, sys.api.url);
  await page.reload();
  await page.getByRole('heading', { name: /^Hi / }).waitFor();
  await page.evaluate("fetch('/v1/me').then((r) => r.json())");
  const cached = await page.evaluate<string[]>(
    'caches.keys().then((names) => Promise.all(names.map((n) => caches.open(n).then((c) => c.keys())))).then((lists) => lists.flat().map((r) => new URL(r.url).pathname))',
  );
  expect(cached).toContain('/');
  expect(cached.filter((p) => p.startsWith('/v1') || p.startsWith('/openapi') || p.startsWith('/docs'))).toEqual([]);
  await context.close();
}, 90_000);
