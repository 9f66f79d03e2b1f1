/** Helpers for tests of Link through the sandbox's controls: a link token for a customer, a completed Link. */
import { CountryCode, Products } from 'plaid';
import type { TestSandbox } from './harness';

/** A link token as Timely makes one: user.client_user_id = Timely's account id. */
export async function linkTokenFor(t: TestSandbox, clientUserId: string, extra: { webhook?: string; access_token?: string } = {}): Promise<string> {
  const { data } = await t.plaid.linkTokenCreate({
    client_name: 'Timely',
    language: 'en',
    country_codes: [CountryCode.Us],
    user: { client_user_id: clientUserId },
    ...(extra.access_token ? { access_token: extra.access_token } : { products: [Products.Transactions] }),
    ...(extra.webhook ? { webhook: extra.webhook } : {}),
  });
  return data.link_token;
}

/** Completes Link for a customer through /__sandbox/link/complete and exchanges the public token. */
export async function linkCustomer(
  t: TestSandbox,
  clientUserId: string,
  opts: { username?: string; webhook?: string; account_indexes?: number[]; institution_id?: string } = {},
): Promise<{ accessToken: string; itemId: string }> {
  const link_token = await linkTokenFor(t, clientUserId, { webhook: opts.webhook });
  const done = await t.control<{ public_token: string }>('/link/complete', {
    link_token,
    username: opts.username ?? 'user_good',
    password: 'pass_good',
    ...(opts.institution_id ? { institution_id: opts.institution_id } : {}),
    ...(opts.account_indexes ? { account_indexes: opts.account_indexes } : {}),
  });
  const { data } = await t.plaid.itemPublicTokenExchange({ public_token: done.public_token });
  return { accessToken: data.access_token, itemId: data.item_id };
}

/** A control call expected to fail: its status and Plaid error body. */
export async function controlFailure(t: TestSandbox, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.url}/__sandbox${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.ok) throw new Error(`expected control ${path} to fail, got ${res.status} ${JSON.stringify(json)}`);
  return { status: res.status, body: json };
}
