/**
 * The browser Link emulator (link-ui/link-initialize.js) in real Chromium: a page on another local
 * origin loads the script from the sandbox, as a page loads Plaid's from its CDN, and a user walks
 * the modal by role and label. Screenshots of each step go to /tmp/plaid-link-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, seriousA11yViolations, servePage } from './test/browser';
import { Conformance } from './test/conformance';
import { startTestSandbox, type TestSandbox } from './test/harness';
import { linkCustomer, linkTokenFor } from './test/link';

const c = new Conformance();
let t: TestSandbox;
let browser: Browser;
let site: { url: string; close(): Promise<void> };

/** A page like the web app's: a button that opens Link with the token from the query string. */
const pageHtml = (sandboxUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Timely — connect your bank</title>
<script src="${sandboxUrl}/link/v2/stable/link-initialize.js"></script></head>
<body><main style="font-family:system-ui;padding:24px"><h1>Connect your bank</h1>
<p>Timely needs your checking account to offer an advance.</p>
<button id="connect" type="button">Connect a bank</button></main>
<script>
  window.events = []; window.result = null; window.loaded = false;
  const token = new URLSearchParams(location.search).get('token');
  const handler = Plaid.create({
    token,
    onSuccess: (public_token, metadata) => { window.result = { kind: 'success', public_token, metadata }; },
    onExit: (error, metadata) => { window.result = { kind: 'exit', error, metadata }; },
    onEvent: (name, metadata) => { window.events.push({ name, metadata }); },
    onLoad: () => { window.loaded = true; },
  });
  document.getElementById('connect').addEventListener('click', () => handler.open());
</script></body></html>`;

beforeAll(async () => {
  t = await startTestSandbox();
  browser = await launchBrowser();
  site = await servePage(pageHtml(t.url));
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await t?.close();
});

interface LinkResult {
  kind: 'success' | 'exit';
  public_token?: string;
  error?: Record<string, unknown> | null;
  metadata: Record<string, unknown> & { accounts?: { id: string }[]; account_id?: string; link_session_id: string };
}

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const customer = (name: string) => `acct-link-${name}-${process.pid}-${Date.now()}`;

async function openLink(token: string, device: object = PHONE): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ ...device, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 400/.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${site.url}/?token=${encodeURIComponent(token)}`);
  await page.waitForFunction('window.loaded === true');
  await page.getByRole('button', { name: 'Connect a bank' }).click();
  return { page, context, errors };
}

const resultOf = async (page: Page): Promise<LinkResult> => {
  await page.waitForFunction('window.result !== null');
  return (await page.evaluate('window.result')) as LinkResult;
};
const eventNames = async (page: Page) => (await page.evaluate('window.events.map((e) => e.name)')) as string[];
// Page-side expressions as strings: this project compiles without the DOM library.
const FOCUS_IN_DIALOG = "Boolean(document.activeElement?.closest('[role=dialog]'))";
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/plaid-link-${name}.png`, animations: 'disabled' });

test('bank, test user, account: onSuccess gets a public token that exchanges for an Item with the chosen account', async () => {
  const clientUserId = customer('success');
  const { page, context, errors } = await openLink(await linkTokenFor(t, clientUserId));

  const dialog = page.getByRole('dialog', { name: 'Select your bank' });
  await dialog.waitFor();
  await shot(page, '1-institution');
  await dialog.getByRole('button', { name: /First Platypus Bank/ }).click();

  await page.getByRole('dialog', { name: 'Sign in to First Platypus Bank' }).waitFor();
  await shot(page, '2-credentials');
  await page.getByRole('button', { name: /user_steady_biweekly.*Salaried, paid every other Friday/ }).click();

  const accounts = page.getByRole('dialog', { name: 'Select account' });
  await accounts.waitFor();
  await shot(page, '3-account');
  const checking = accounts.getByRole('radio', { name: /Plaid Checking/ });
  expect(await checking.isChecked()).toBe(true);
  await accounts.getByRole('radio', { name: /Plaid Saving/ }).check();
  await accounts.getByRole('button', { name: 'Continue' }).click();

  const result = await resultOf(page);
  expect(result.kind).toBe('success');
  const { data: exchanged } = await t.plaid.itemPublicTokenExchange({ public_token: result.public_token! });
  const { data } = await t.plaid.accountsGet({ access_token: exchanged.access_token });
  expect(data.accounts.map((a) => [a.account_id, a.name])).toEqual([[result.metadata.account_id, 'Plaid Saving']]);

  // Plaid's web SDK metadata: the spec's LinkSessionSuccessMetadata plus the SDK's extras.
  const { institution, accounts: metaAccounts, link_session_id, transfer_status, ...extras } = result.metadata;
  expect(c.spec.problems('LinkSessionSuccessMetadata', { institution, accounts: metaAccounts, link_session_id, transfer_status })).toEqual([]);
  expect(institution).toEqual({ name: 'First Platypus Bank', institution_id: 'ins_109508' });
  expect(metaAccounts).toEqual([{ id: data.accounts[0].account_id, name: 'Plaid Saving', mask: data.accounts[0].mask, type: 'depository', subtype: 'savings', verification_status: null, class_type: null }]);
  expect(extras).toEqual({ account: metaAccounts![0], account_id: data.accounts[0].account_id, wallet: null, public_token: result.public_token });

  // The customer's Item is findable by the Link token's client_user_id.
  const { items } = await t.control<{ items: { item_id: string }[] }>(`/items?client_user_id=${clientUserId}`);
  expect(items.map((i) => i.item_id)).toEqual([exchanged.item_id]);

  expect(await eventNames(page)).toEqual(['OPEN', 'TRANSITION_VIEW', 'SELECT_INSTITUTION', 'TRANSITION_VIEW', 'SUBMIT_CREDENTIALS', 'TRANSITION_VIEW', 'TRANSITION_VIEW', 'HANDOFF']);
  expect(await page.getByRole('dialog').count()).toBe(0);
  // Focus goes back to what opened Link.
  expect(await page.evaluate('document.activeElement?.id')).toBe('connect');
  expect(errors).toEqual([]);
  await context.close();
});

test('Close on the first step: onExit(null, metadata), no Item', async () => {
  const clientUserId = customer('cancel');
  const { page, context } = await openLink(await linkTokenFor(t, clientUserId));
  await page.getByRole('dialog', { name: 'Select your bank' }).getByRole('button', { name: 'Close' }).click();
  const result = await resultOf(page);
  expect(result).toMatchObject({ kind: 'exit', error: null, metadata: { status: 'requires_credentials', institution: null } });
  expect(c.spec.problems('LinkSessionExitMetadata', result.metadata)).toEqual([]);
  expect((await eventNames(page)).slice(-1)).toEqual(['EXIT']);
  expect((await t.control<{ items: unknown[] }>(`/items?client_user_id=${clientUserId}`)).items).toEqual([]);
  await context.close();
});

test('Escape on the account step exits (requires_account_selection) and creates no Item; a wrong password is explained first', async () => {
  const clientUserId = customer('escape');
  const { page, context } = await openLink(await linkTokenFor(t, clientUserId));
  await page.getByRole('button', { name: /Tartan Bank/ }).click();
  const signIn = page.getByRole('dialog', { name: 'Sign in to Tartan Bank' });
  await signIn.getByLabel('Username').fill('user_good');
  await signIn.getByLabel('Password').fill('pass_wrong');
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForFunction("document.querySelector('[role=alert]')?.textContent.includes('credentials were not correct')");
  await shot(page, '2b-wrong-password');
  await signIn.getByLabel('Password').fill('pass_good');
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('dialog', { name: 'Select account' }).waitFor();
  await page.keyboard.press('Escape');
  const result = await resultOf(page);
  expect(result).toMatchObject({ kind: 'exit', error: null, metadata: { status: 'requires_account_selection', institution: { name: 'Tartan Bank', institution_id: 'ins_109511' } } });
  expect((await t.control<{ items: unknown[] }>(`/items?client_user_id=${clientUserId}`)).items).toEqual([]);
  await context.close();
});

test('update mode: "Sign in again to <bank>" returns a public token for the same Item, login repaired', async () => {
  const clientUserId = customer('update');
  const { accessToken, itemId } = await linkCustomer(t, clientUserId, { username: 'user_gig_irregular' });
  await t.plaid.sandboxItemResetLogin({ access_token: accessToken });
  const { page, context } = await openLink(await linkTokenFor(t, clientUserId, { access_token: accessToken }));
  const dialog = page.getByRole('dialog', { name: 'Sign in again to First Platypus Bank' });
  await dialog.waitFor();
  await shot(page, '4-update-mode');
  expect(await dialog.getByLabel('Username').inputValue()).toBe('user_gig_irregular');
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  const result = await resultOf(page);
  expect(result.kind).toBe('success');
  const { data } = await t.plaid.itemPublicTokenExchange({ public_token: result.public_token! });
  expect(data.item_id).toBe(itemId);
  expect((await t.plaid.itemGet({ access_token: accessToken })).data.item.error).toBeNull();
  await context.close();
});

test('an unknown link token: Link explains, Close exits with INVALID_LINK_TOKEN', async () => {
  const { page, context } = await openLink('link-sandbox-00000000-0000-0000-0000-000000000000');
  const dialog = page.getByRole('dialog', { name: 'Something went wrong' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  const result = await resultOf(page);
  expect(result).toMatchObject({ kind: 'exit', error: { error_code: 'INVALID_LINK_TOKEN', error_type: 'INVALID_INPUT' } });
  await context.close();
});

test('accessible: no serious or critical axe violations on each step; focus is trapped in the dialog', async () => {
  const { page, context } = await openLink(await linkTokenFor(t, customer('axe')), DESKTOP);
  const dialog = page.getByRole('dialog', { name: 'Select your bank' });
  await dialog.waitFor();
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await shot(page, 'desktop-1-institution');
  // Tab and Shift+Tab cycle inside the dialog, never reaching the page behind it.
  for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(FOCUS_IN_DIALOG)).toBe(true);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(FOCUS_IN_DIALOG)).toBe(true);

  await page.getByLabel('Search').fill('gingham');
  expect(await dialog.getByRole('list', { name: 'Banks' }).getByRole('button').count()).toBe(1);
  await dialog.getByRole('button', { name: /First Gingham Credit Union/ }).click();
  await page.getByRole('dialog', { name: 'Sign in to First Gingham Credit Union' }).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await shot(page, 'desktop-2-credentials');
  await page.getByRole('button', { name: /user_good/ }).click();
  await page.getByRole('dialog', { name: 'Select account' }).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await shot(page, 'desktop-3-account');
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('dialog', { name: 'Sign in to First Gingham Credit Union' }).waitFor();
  await context.close();
});
