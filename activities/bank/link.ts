/**
 * Plaid Link's handshake (as in Plaid's quickstart): link token -> public token (from Link, or
 * from the sandbox) -> access token, exchanged and kept only here, encrypted. Plus reading
 * balances and unlinking. Used by the API's bank routes.
 */
import { CountryCode, Products } from 'plaid';
import { withTransaction, isUniqueViolation } from '../../db/pool';
import { config } from '../../platform/config';
import { DomainError } from '../../platform/errors';
import { logger } from '../../platform/logger';
import { accountsOfItem, BankAccountRow, insertItem, ItemRow, liveItemOf, setItemStatus, upsertAccounts } from './bank-store';
import type { BankDeps } from './deps';
import { plaidDomainError, plaidErrorInfo, toPlaidError } from './plaid-errors';
import { decryptToken, encryptToken } from './token-crypto';

export const DEFAULT_SANDBOX_INSTITUTION = 'ins_109508'; // Plaid sandbox's "First Platypus Bank"

/** Runs a Plaid call for the API: known Plaid failures become problems the caller can act on. */
async function plaidCall<T>(what: string, fn: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await fn()).data;
  } catch (err) {
    const known = plaidDomainError(err);
    if (known) {
      logger.warn({ plaid: plaidErrorInfo(err), what }, 'Plaid call failed');
      throw known;
    }
    // Unmapped: still only the safe PlaidError, should a caller hand in an unwrapped client.
    throw toPlaidError(err);
  }
}

/** Who the customer is, for Plaid (recommended; the local emulator makes them the bank's owners). */
export interface LinkUser {
  legalName: string;
  email: string;
  phone: string;
}

/**
 * A Link token: for linking a new bank, or (update: true) Link's update mode for the linked Item
 * whose login expired, so the customer signs in again and the Item (and its history) is kept.
 */
export async function createLinkToken(
  deps: BankDeps,
  accountId: string,
  opts: { user?: LinkUser; update?: boolean } = {},
): Promise<{ linkToken: string; expiration: string; mode: 'create' | 'update' }> {
  const cfg = config();
  const user = {
    client_user_id: accountId,
    ...(opts.user ? { legal_name: opts.user.legalName, email_address: opts.user.email, phone_number: opts.user.phone } : {}),
  };
  const base = { client_name: 'Timely', language: 'en', country_codes: [CountryCode.Us], user, ...(cfg.PLAID_WEBHOOK_URL ? { webhook: cfg.PLAID_WEBHOOK_URL } : {}) };
  if (opts.update) {
    const item = await liveItemOf(deps.pool, accountId);
    if (!item) throw noBank();
    if (item.status !== 'login_required')
      throw new DomainError('conflict', 'bank-login-not-required', 'Your bank connection works; there is nothing to repair.');
    // Update mode: the Item's access token instead of products (Plaid forbids both).
    const data = await plaidCall('link/token/create', () => deps.plaid.linkTokenCreate({ ...base, access_token: decryptToken(deps.key, item.accessTokenEnc) }));
    return { linkToken: data.link_token, expiration: data.expiration, mode: 'update' };
  }
  const data = await plaidCall('link/token/create', () =>
    deps.plaid.linkTokenCreate({ ...base, products: [Products.Transactions], optional_products: [Products.Identity, Products.Transfer] }),
  );
  return { linkToken: data.link_token, expiration: data.expiration, mode: 'create' };
}

/**
 * Plaid's sandbox shortcut past the Link UI (local emulator or Plaid sandbox only). With the local
 * emulator, the test user's bank owners are set to the customer (its documented JSON password),
 * so identity matching behaves as it would for a real customer's own bank.
 */
export async function createSandboxPublicToken(
  deps: BankDeps,
  input: { username?: string; institutionId?: string; owner?: { name: string; email: string; phone: string } },
): Promise<string> {
  const cfg = config();
  const username = input.username ?? 'user_good';
  const password =
    cfg.PLAID_ENV === 'local' && input.owner && username !== 'user_custom'
      ? JSON.stringify({ identity: { names: [input.owner.name], emails: [input.owner.email], phone_numbers: [input.owner.phone] } })
      : 'pass_good';
  try {
    const data = await plaidCall('sandbox/public_token/create', () =>
      deps.plaid.sandboxPublicTokenCreate({
        institution_id: input.institutionId ?? DEFAULT_SANDBOX_INSTITUTION,
        initial_products: [Products.Transactions],
        options: {
          override_username: username,
          override_password: password,
          ...(cfg.PLAID_WEBHOOK_URL ? { webhook: cfg.PLAID_WEBHOOK_URL } : {}),
        },
      }),
    );
    return data.public_token;
  } catch (err) {
    throw sandboxInputRefused(err) ?? err;
  }
}

/**
 * Plaid's 400 for a sandbox user or institution it does not know is the caller's input, not our
 * failure: a 400 naming the field, with Plaid's code (its message names nothing secret).
 */
function sandboxInputRefused(err: unknown): DomainError | undefined {
  const info = plaidErrorInfo(err);
  if (!info || info.status !== 400 || (info.errorType !== 'INVALID_INPUT' && info.errorType !== 'INVALID_REQUEST' && info.errorType !== 'ITEM_ERROR')) return undefined;
  const field = info.errorCode === 'INVALID_INSTITUTION' || info.errorCode === 'INSTITUTION_NOT_FOUND' ? 'institutionId' : 'username';
  return new DomainError('invalid', 'sandbox-input-refused', `Plaid refused the sandbox ${field === 'institutionId' ? 'institution' : 'user'} (${info.errorCode ?? info.errorType}).`, field, {
    plaidErrorCode: info.errorCode ?? null,
  });
}

export interface LinkedItem {
  institutionName: string | null;
  status: string;
  accounts: { id: string; name: string; mask: string | null; type: string; subtype: string | null }[];
}

const summary = (institutionName: string | null, status: string, accounts: BankAccountRow[]): LinkedItem => ({
  institutionName,
  status,
  accounts: accounts.map((a) => ({ id: a.id, name: a.name, mask: a.mask, type: a.type, subtype: a.subtype })),
});

const alreadyLinked = () =>
  new DomainError('conflict', 'bank-already-linked', 'A bank is already linked to this account. Unlink it first (DELETE /v1/bank).');

export async function linkBank(deps: BankDeps, accountId: string, publicToken: string): Promise<LinkedItem> {
  // Cheap check first, so a second link does not even spend the public token.
  if (await liveItemOf(deps.pool, accountId)) throw alreadyLinked();
  let exchange;
  try {
    exchange = (await deps.plaid.itemPublicTokenExchange({ public_token: publicToken })).data;
  } catch (err) {
    const info = plaidErrorInfo(err);
    if (info?.errorType === 'INVALID_INPUT' || info?.errorCode === 'INVALID_PUBLIC_TOKEN')
      throw new DomainError('invalid', 'invalid-public-token', 'The public token is unknown or has expired. Open Plaid Link again.', 'publicToken');
    throw plaidDomainError(err) ?? toPlaidError(err);
  }
  const accessToken = exchange.access_token;
  // If the new item cannot be read (e.g. its login already expired), give it back to Plaid and
  // store nothing: a half-linked bank helps nobody.
  const giveBack = () => deps.plaid.itemRemove({ access_token: accessToken }).catch(() => undefined);
  const [item, accounts] = await Promise.all([
    plaidCall('item/get', () => deps.plaid.itemGet({ access_token: accessToken })),
    plaidCall('accounts/get', () => deps.plaid.accountsGet({ access_token: accessToken })),
  ]).catch(async (err) => {
    await giveBack();
    throw err;
  });
  let institutionName: string | null = item.item.institution_name ?? null;
  if (!institutionName && item.item.institution_id) {
    institutionName = await deps.plaid
      .institutionsGetById({ institution_id: item.item.institution_id, country_codes: [CountryCode.Us] })
      .then((r) => r.data.institution.name)
      .catch(() => null);
  }
  try {
    await withTransaction(async (c) => {
      const itemId = await insertItem(c, {
        accountId,
        plaidItemId: exchange.item_id,
        accessTokenEnc: encryptToken(deps.key, accessToken),
        institutionId: item.item.institution_id ?? null,
        institutionName,
      });
      await upsertAccounts(c, itemId, accounts.accounts);
    }, deps.pool);
  } catch (err) {
    if (isUniqueViolation(err, 'items_one_live_per_account')) {
      // Lost a race with a concurrent link: give the new item back to Plaid, keep the first.
      await giveBack();
      throw alreadyLinked();
    }
    throw err;
  }
  return summary(institutionName, 'active', (await accountsOfItem(deps.pool, (await liveItemOf(deps.pool, accountId))!.id)));
}

const noBank = () => new DomainError('not_found', 'no-linked-bank', 'No bank is linked to this account. Link one first (POST /v1/bank/link).');

export interface BankView extends LinkedItem {
  status: 'active' | 'login_required';
  /** The bank wants the customer to sign in again (Link update mode, then POST /v1/bank/login-repaired). */
  loginRequired: boolean;
  accounts: (LinkedItem['accounts'][number] & { balances: { currentCents: number | null; availableCents: number | null; isoCurrencyCode: string | null; asOf: string | null } })[];
}

async function storedView(deps: BankDeps, item: ItemRow, status: BankView['status']): Promise<BankView> {
  const accounts = await accountsOfItem(deps.pool, item.id);
  return {
    institutionName: item.institutionName,
    status,
    loginRequired: status === 'login_required',
    accounts: accounts.map((a) => ({
      id: a.id,
      name: a.name,
      mask: a.mask,
      type: a.type,
      subtype: a.subtype,
      balances: { currentCents: a.currentCents, availableCents: a.availableCents, isoCurrencyCode: a.isoCurrencyCode, asOf: a.balancesAt },
    })),
  };
}

/**
 * Linked accounts with balances fresh from Plaid (/accounts/balance/get), stored as read. When the
 * bank wants a new login, the last stored balances (with their asOf) and status login_required, so
 * the app can show what it knows and offer the repair.
 */
export async function getBank(deps: BankDeps, accountId: string): Promise<BankView> {
  const item = await liveItemOf(deps.pool, accountId);
  if (!item) throw noBank();
  if (item.status === 'login_required') return storedView(deps, item, 'login_required');
  const accessToken = decryptToken(deps.key, item.accessTokenEnc);
  try {
    const data = await plaidCall('accounts/balance/get', () => deps.plaid.accountsBalanceGet({ access_token: accessToken }));
    await upsertAccounts(deps.pool, item.id, data.accounts);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'bank-login-required') {
      await setItemStatus(deps.pool, item.id, 'login_required', 'ITEM_LOGIN_REQUIRED');
      return storedView(deps, item, 'login_required');
    }
    throw err;
  }
  return storedView(deps, item, 'active');
}

/**
 * After Link update mode succeeded in the browser: Plaid must agree the Item is healthy again
 * (/item/get without an error) before the mark is cleared; then the fresh bank view.
 */
export async function repairLogin(deps: BankDeps, accountId: string): Promise<BankView> {
  const item = await liveItemOf(deps.pool, accountId);
  if (!item) throw noBank();
  const data = await plaidCall('item/get', () => deps.plaid.itemGet({ access_token: decryptToken(deps.key, item.accessTokenEnc) }));
  if (data.item.error) {
    logger.info({ itemId: item.id, plaidError: data.item.error.error_code }, 'login repair reported, but Plaid still reports an error');
    throw new DomainError('conflict', 'bank-login-still-required', 'Your bank still needs you to sign in. Open the bank sign-in again and finish it.', undefined, {
      plaidErrorCode: data.item.error.error_code,
    });
  }
  if (item.status === 'login_required') await setItemStatus(deps.pool, item.id, 'active', 'login repaired by customer');
  return getBank(deps, accountId);
}

export async function unlinkBank(deps: BankDeps, accountId: string): Promise<void> {
  const item = await liveItemOf(deps.pool, accountId);
  if (!item) throw noBank();
  try {
    await deps.plaid.itemRemove({ access_token: decryptToken(deps.key, item.accessTokenEnc) });
  } catch (err) {
    // Already gone at Plaid is fine; anything else (Plaid down) must not leave us half-unlinked.
    const info = plaidErrorInfo(err);
    if (!(info?.errorCode === 'ITEM_NOT_FOUND' || info?.errorCode === 'INVALID_ACCESS_TOKEN')) throw plaidDomainError(err) ?? toPlaidError(err);
  }
  await setItemStatus(deps.pool, item.id, 'removed', 'unlinked by customer');
}
