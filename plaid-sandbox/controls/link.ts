/**
 * What Plaid Link does in the browser, as controls: the Link UI script (link-ui/) and tests drive
 * them. A Link session is: read the UI's configuration, preview the accounts a login would share
 * (nothing stored, so a cancelled session leaves no Item), then complete it, which creates the
 * Item (only the selected accounts, as with Plaid's Account Select) and a public token.
 * With a link token made for an access_token (update mode), the user signs in again to that Item.
 */
import { Router } from 'express';
import { z } from 'zod';
import { isoDate } from '../clock';
import { addMsToDate } from '../core/time';
import { createItems, type ItemSpec } from '../core/create-item';
import type { SandboxDeps } from '../core/deps';
import { DEFAULT_INSTITUTION, SANDBOX_INSTITUTIONS } from '../core/institutions';
import { plaidError } from '../http/plaid-error';
import { publicToken as newPublicToken } from '../ids';
import { dollarsFromCents } from '../money';
import { SCENARIOS } from '../scenarios/catalog';
import { ownerFromLoose } from '../scenarios/identity';
import { GOOD_PASSWORD, generateForLogin, resolveLogin } from '../scenarios/login';
import type { Owner } from '../scenarios/types';
import { listAccounts } from '../store/accounts';
import { inTransaction } from '../store/db';
import { type ItemRow, setItemError } from '../store/items';
import { findLinkToken, insertPublicToken, type LinkTokenRow } from '../store/tokens';
import { newItemWebhooks, PUBLIC_TOKEN_TTL_MS } from '../routes/link';
import { control, resolveItemRef } from './control';

/** The Link token's `user` (legal name, email, phone, address) as the Item's owner. */
function ownerFromLinkUser(user: Record<string, unknown> | undefined): Owner[] | undefined {
  if (!user || typeof user.legal_name !== 'string') return undefined;
  const address = user.address as Record<string, string> | undefined;
  return [
    ownerFromLoose({
      names: [user.legal_name],
      emails: typeof user.email_address === 'string' ? [user.email_address] : [],
      phone_numbers: typeof user.phone_number === 'string' ? [user.phone_number] : [],
      addresses: address?.street ? [{ street: address.street, city: address.city, region: address.region, postal_code: address.postal_code, country: address.country }] : [],
    }),
  ];
}

const clientUserId = (link: LinkTokenRow): string | null => {
  const user = link.request.user as { client_user_id?: unknown } | undefined;
  return typeof user?.client_user_id === 'string' ? user.client_user_id : null;
};

const institutionOf = (id: string) => ({ institution_id: id, name: SANDBOX_INSTITUTIONS[id] ?? id });

async function liveLinkToken(deps: SandboxDeps, token: string): Promise<LinkTokenRow> {
  const link = await findLinkToken(deps.pool, token);
  if (!link) throw plaidError('INVALID_LINK_TOKEN', 'link_token is not a known link token');
  if (link.expires_at <= deps.clock.now()) throw plaidError('INVALID_LINK_TOKEN', 'link_token has expired');
  return link;
}

/** Update mode: the Item the link token was made for; a username given must be that Item's. */
async function updateModeItem(deps: SandboxDeps, link: LinkTokenRow, creds: { username?: string; password?: string }): Promise<ItemRow> {
  const item = await resolveItemRef(deps.pool, { access_token: link.access_token! });
  if (creds.username !== undefined) {
    if (creds.username !== item.username) throw plaidError('INVALID_CREDENTIALS');
    resolveLogin(creds.username, creds.password ?? GOOD_PASSWORD);
  }
  return item;
}

const credentials = { link_token: z.string(), username: z.string().optional(), password: z.string().optional(), institution_id: z.string().optional() };

function institutionIdOf(body: { institution_id?: string }): string {
  const id = body.institution_id ?? DEFAULT_INSTITUTION;
  if (!SANDBOX_INSTITUTIONS[id]) throw plaidError('INVALID_INSTITUTION');
  return id;
}

export function linkControls(deps: SandboxDeps): Router {
  const r = Router();

  /** What the Link UI shows: the client's name, the institutions, the test users (and, in update mode, the Item's bank). */
  r.get(
    '/link/ui-config',
    control(z.strictObject({ link_token: z.string() }), async (q) => {
      const link = await liveLinkToken(deps, q.link_token);
      const update = link.access_token ? await updateModeItem(deps, link, {}) : null;
      return {
        client_name: typeof link.request.client_name === 'string' ? link.request.client_name : null,
        products: link.products,
        update_mode: update !== null,
        update: update && { institution: institutionOf(update.institution_id), username: update.username },
        institutions: Object.keys(SANDBOX_INSTITUTIONS).map(institutionOf),
        users: Object.values(SCENARIOS).map((s) => ({ username: s.username, password: GOOD_PASSWORD, summary: s.summary, shows: s.shows })),
      };
    }),
  );

  /**
   * The accounts a login would share, for Link's account selection. Stores nothing: the same seed
   * on the same day generates the same accounts, so `index` names one in /link/complete.
   */
  r.post(
    '/link/accounts',
    control(z.strictObject(credentials), async (body) => {
      const link = await liveLinkToken(deps, body.link_token);
      const balances = (a: { available_cents: number | null; current_cents: number | null; limit_cents: number | null }) => ({
        available: dollarsFromCents(a.available_cents),
        current: dollarsFromCents(a.current_cents),
        limit: dollarsFromCents(a.limit_cents),
        iso_currency_code: 'USD',
      });
      if (link.access_token) {
        const item = await updateModeItem(deps, link, body);
        const accounts = await listAccounts(deps.pool, item.item_id);
        return {
          update_mode: true,
          institution: institutionOf(item.institution_id),
          accounts: accounts.map((a, index) => ({ index, account_id: a.account_id, name: a.name, official_name: a.official_name, mask: a.mask, type: a.type, subtype: a.subtype, balances: balances(a) })),
        };
      }
      const institutionId = institutionIdOf(body);
      const login = resolveLogin(body.username ?? 'user_good', body.password ?? GOOD_PASSWORD);
      const generated = generateForLogin(login, isoDate(deps.clock.now()));
      return {
        update_mode: false,
        institution: institutionOf(institutionId),
        accounts: generated.accounts.map((a, index) => ({ index, account_id: null, name: a.name, official_name: a.official_name, mask: a.mask, type: a.type, subtype: a.subtype, balances: balances(a) })),
      };
    }),
  );

  /**
   * Completes Link: creates the Item from the link token (webhook, products, the user's identity
   * and client_user_id) and returns a public token. `account_indexes` (from /link/accounts)
   * limits the Item to those accounts. In update mode it repairs the Item's login instead.
   */
  r.post(
    '/link/complete',
    control(z.strictObject({ ...credentials, account_indexes: z.array(z.number().int().min(0)).min(1).optional() }), async (body) => {
      const now = deps.clock.now();
      const link = await liveLinkToken(deps, body.link_token);
      const summary = (a: { account_id: string; name: string; mask: string | null; type: string; subtype: string | null }) => ({
        account_id: a.account_id,
        name: a.name,
        mask: a.mask,
        type: a.type,
        subtype: a.subtype,
      });
      if (link.access_token) {
        // Update mode: the user logs in again; the existing Item works again, no new Item. (No
        // LOGIN_REPAIRED: Plaid sends it only for repairs made outside the app's update mode.)
        const item = await updateModeItem(deps, link, body);
        await setItemError(deps.pool, item.item_id, null);
        const token = newPublicToken();
        await insertPublicToken(deps.pool, { public_token: token, item_id: item.item_id, created_at: now, expires_at: addMsToDate(now, PUBLIC_TOKEN_TTL_MS) });
        const accounts = await listAccounts(deps.pool, item.item_id);
        return { public_token: token, item_id: item.item_id, update_mode: true, institution: institutionOf(item.institution_id), accounts: accounts.map(summary) };
      }
      const institutionId = institutionIdOf(body);
      const spec: ItemSpec = {
        login: resolveLogin(body.username ?? 'user_good', body.password ?? GOOD_PASSWORD),
        institutionId,
        products: link.products.length > 0 ? link.products : ['transactions'],
        webhook: link.webhook,
        owners: ownerFromLinkUser(link.request.user as Record<string, unknown> | undefined),
        clientUserId: clientUserId(link),
        selectedAccounts: body.account_indexes,
        history: 'now',
      };
      const { created, token } = await inTransaction(deps.pool, async (db) => {
        const [created] = await createItems(db, [spec], now);
        const token = newPublicToken();
        await insertPublicToken(db, { public_token: token, item_id: created.item.item_id, created_at: now, expires_at: addMsToDate(now, PUBLIC_TOKEN_TTL_MS) });
        return { created, token };
      });
      await deps.webhooks.sendAll(newItemWebhooks(created));
      return { public_token: token, item_id: created.item.item_id, update_mode: false, institution: institutionOf(institutionId), accounts: created.accounts.map(summary) };
    }),
  );

  return r;
}
