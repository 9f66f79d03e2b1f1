/**
 * What a customer does in the web app, step by step, for the browser tests: each helper drives the
 * page through labels and button names, as a person (or a screen reader) finds them.
 */
import type { Page } from 'playwright-core';
import { uniqueCustomer } from '../../test/support/api';

export type Customer = ReturnType<typeof uniqueCustomer>;

/** The national form a person types ("(415) 555-0123"); the page turns it into E.164. */
export function typedPhone(e164: string): string {
  const d = e164.slice(2);
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

export async function fillSignUp(page: Page, who: Customer): Promise<void> {
  await page.getByLabel('First name').fill(who.firstName);
  await page.getByLabel('Last name').fill(who.lastName);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Mobile phone').fill(typedPhone(who.phone));
}

/** Sign up from the first page and land on the code page. */
export async function signUp(page: Page, baseUrl: string, who: Customer = uniqueCustomer()): Promise<Customer> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL('**/signup');
  await fillSignUp(page, who);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/verify');
  return who;
}

/** Types the code the fake SMS provider accepts; the page submits on the sixth digit. */
export async function enterCode(page: Page, code = '000000'): Promise<void> {
  await page.getByLabel('6-digit code').fill(code);
}

/** The right code: the page signs in and lands on Home. */
export async function signIn(page: Page, baseUrl: string): Promise<void> {
  await enterCode(page);
  await page.waitForURL(`${baseUrl}/`);
}

/** Links a bank through Plaid Link (locally, the sandbox's Link emulator) as a sandbox user. */
export async function linkBankInLink(page: Page, username: string): Promise<void> {
  const link = page.getByRole('dialog');
  await link.getByRole('button', { name: /First Platypus Bank/ }).click();
  await link.getByRole('button', { name: new RegExp(username) }).click();
  await link.getByRole('radio').first().check();
  await link.getByRole('button', { name: 'Continue' }).click();
}

/** The signed-in customer's account id, as the API sees the page's session cookie. */
export async function accountIdOf(page: Page, baseUrl: string): Promise<string> {
  const me = await page.request.get(`${baseUrl}/v1/me`);
  if (me.status() !== 200) throw new Error(`GET /v1/me answered ${me.status()}`);
  return ((await me.json()) as { id: string }).id;
}

/** A request made beside the page with its cookie: it carries the page's Origin, as the page's own do. */
export const postBeside = (page: Page, baseUrl: string, path: string, data?: unknown) => page.request.post(`${baseUrl}${path}`, { data, headers: { origin: baseUrl } });

/** Links a sandbox bank through the API beside the page (the journey test covers Plaid Link itself). */
export async function linkBankBeside(page: Page, baseUrl: string, username = 'user_good'): Promise<void> {
  const pub = await postBeside(page, baseUrl, '/v1/bank/sandbox/public-token', { username });
  const link = await postBeside(page, baseUrl, '/v1/bank/link', { publicToken: (await pub.json()).publicToken });
  if (link.status() !== 201) throw new Error(`POST /v1/bank/link answered ${link.status()}`);
}
