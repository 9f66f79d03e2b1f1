/**
 * Two-step sign-in in a real browser (issue 16): Chromium's virtual authenticator (CDP
 * WebAuthn.enable, WebAuthn.addVirtualAuthenticator) stands in for a phone's passkey. Enrol a
 * passkey in Settings, sign out, sign in with the phone code and the passkey, unlink the bank,
 * which asks for step-up, then add an authenticator app, remove the passkey, and see that the
 * removed passkey no longer signs in. The page is served from http://localhost (a passkey's
 * relying party must be a domain, not an IP address). Pages are checked with axe and saved.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startSystem, type TestSystem } from '../../test/support/system';
import { checkPage, launchBrowser, openPage, type WatchedPage } from '../../test/support/browser';
import { totpOf } from '../../test/support/staff';
import { accountIdOf, enterCode, linkBankBeside, postBeside, signUp, typedPhone } from './customer';

let sys: TestSystem;
let browser: Browser;
let phone: WatchedPage;
let base: string;

beforeAll(async () => {
  sys = await startSystem({ worker: false });
  base = sys.api.url.replace('127.0.0.1', 'localhost');
  browser = await launchBrowser();
  phone = await openPage(browser);
  const cdp = await phone.context.newCDPSession(phone.page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

const post = (page: Page, path: string, data?: unknown) => postBeside(page, base, path, data);

async function signOut(page: Page): Promise<void> {
  await page.goto(`${base}/settings`);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL('**/signin');
}

async function phoneCode(page: Page, e164: string): Promise<void> {
  await page.getByLabel('Mobile phone').fill(typedPhone(e164));
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await page.waitForURL('**/verify');
  await enterCode(page);
}

/** Makes the session's last second factor older than the 5-minute step-up window. */
const ageStepUp = (accountId: string) => sys.db.query(`UPDATE accounts.sessions SET second_factor_at = now() - interval '6 minutes' WHERE subject_id = $1`, [accountId]);

it('enrols a passkey, signs in with phone code + passkey, asks for step-up to unlink the bank, and a removed passkey no longer signs in', async () => {
  const { page, errors } = phone;

  // Sign up, and link a bank through the API beside the page (the journey test covers Link itself).
  const who = await signUp(page, base);
  await enterCode(page);
  await page.waitForURL(`${base}/`);
  const accountId = await accountIdOf(page, base);
  await linkBankBeside(page, base);

  // 1. Enrol a passkey in Settings > Sign-in & security.
  await page.goto(`${base}/settings`);
  await page.getByRole('link', { name: 'Manage sign-in & security' }).click();
  await page.getByRole('heading', { name: 'Sign-in & security' }).waitFor();
  await checkPage(page, '2fa-01-security-settings');
  await page.getByLabel('Passkey name').fill('My phone');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByText('Passkey added.').waitFor();
  await page.getByRole('list', { name: 'Your passkeys' }).getByText('My phone', { exact: true }).waitFor();
  await checkPage(page, '2fa-02-passkey-added');

  // 2. Sign out; 3. sign in with the phone code, then the passkey.
  await signOut(page);
  await phoneCode(page, who.phone);
  await page.waitForURL('**/verify/second-step');
  await page.getByRole('heading', { name: 'Confirm it’s you' }).waitFor();
  await checkPage(page, '2fa-03-sign-in-second-step');
  await page.getByRole('button', { name: 'Use your passkey' }).click();
  await page.waitForURL(`${base}/`);
  expect(await accountIdOf(page, base)).toBe(accountId);

  // 4. Unlink the bank: the last second factor is over 5 minutes old, so the app asks for it, then carries on.
  await ageStepUp(accountId);
  await page.goto(`${base}/settings`);
  await page.getByRole('button', { name: 'Unlink bank' }).click();
  await page.getByRole('dialog', { name: 'Unlink your bank?' }).getByRole('button', { name: 'Unlink' }).click();
  const prompt = page.getByRole('dialog', { name: 'Confirm it’s you' });
  await prompt.waitFor();
  await checkPage(page, '2fa-04-step-up');
  await prompt.getByRole('button', { name: 'Use your passkey' }).click();
  await page.getByText('No bank linked.').waitFor();
  expect((await sys.db.query(`SELECT type FROM accounts.events WHERE account_id = $1 AND type LIKE 'security.%' ORDER BY id`, [accountId])).rows.map((r) => r.type)).toEqual([
    'security.factor_added',
  ]);

  // 5. Add an authenticator app, then remove the passkey (another factor remains).
  await page.goto(`${base}/settings/security`);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.getByText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/).textContent())!.replace(/ /g, '');
  await checkPage(page, '2fa-05-authenticator-app');
  await page.getByLabel('6-digit code from the app').fill(totpOf(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByText('Authenticator app turned on.').waitFor();
  const credentialId = (await sys.db.query(`SELECT credential_id FROM accounts.customer_factors WHERE account_id = $1 AND kind = 'passkey'`, [accountId])).rows[0].credential_id as string;
  await page.getByRole('button', { name: 'Remove My phone' }).click();
  await page.getByRole('dialog', { name: 'Remove My phone?' }).getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('list', { name: 'Your passkeys' }).waitFor({ state: 'detached' });

  // 6. The removed passkey no longer signs in: the authenticator still holds it and signs a live
  // challenge of this account, and the server refuses it; the second step offers only the app.
  await signOut(page);
  await phoneCode(page, who.phone);
  await page.waitForURL('**/verify/second-step');
  await page.getByLabel('Code from your authenticator app').waitFor();
  expect(await page.getByRole('button', { name: 'Use your passkey' }).count()).toBe(0);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ticket = await page.evaluate(() => JSON.parse((globalThis as any).sessionStorage.getItem('timely.second-step')).ticket as string);
  expect((await post(page, '/v1/auth/second-factor/passkey-options', { ticket })).status()).toBe(409);
  const challenge = randomBytes(32).toString('base64url');
  await sys.db.query(`INSERT INTO accounts.webauthn_challenges (challenge, account_id, purpose, expires_at) VALUES ($1, $2, 'authenticate', now() + interval '5 minutes')`, [challenge, accountId]);
  const credential = await page.evaluate(signedByRemovedPasskey, { challenge, credentialId });
  const refused = await post(page, '/v1/auth/second-factor', { ticket, proof: { method: 'passkey', credential }, session: 'cookie' });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).type).toMatch(/second-factor-wrong$/);
  await page.getByLabel('Code from your authenticator app').fill(totpOf(secret, 1));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL(`${base}/`);

  expect(errors).toEqual([]);
}, 120_000);

/** In the page: the virtual authenticator signs `challenge` with the removed credential; the assertion as JSON. */
async function signedByRemovedPasskey({ challenge, credentialId }: { challenge: string; credentialId: string }) {
  // The page's globals (this file is compiled without the DOM library).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const { navigator, location } = globalThis as any;
  const fromB64 = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4)), (c) => c.charCodeAt(0));
  const toB64 = (b: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const cred = await navigator.credentials.get({
    publicKey: { challenge: fromB64(challenge), rpId: location.hostname, allowCredentials: [{ id: fromB64(credentialId), type: 'public-key' }], userVerification: 'preferred' },
  });
  const r = cred.response;
  return {
    id: cred.id,
    rawId: toB64(cred.rawId),
    type: 'public-key',
    response: { clientDataJSON: toB64(r.clientDataJSON), authenticatorData: toB64(r.authenticatorData), signature: toB64(r.signature), ...(r.userHandle ? { userHandle: toB64(r.userHandle) } : {}) },
    clientExtensionResults: {},
  };
}
