/**
 * Creating Items: what Link does at Plaid. The scenario's accounts, balances and owners are stored
 * at once; its transaction history either at once too, or (bulk seeding) generated on first use
 * from the same seed and anchor date, which yields the same data.
 */
import { isoDate } from '../clock';
import { accessToken, plaidId } from '../ids';
import { SCENARIOS } from '../scenarios/catalog';
import { generateForLogin, type SandboxLogin } from '../scenarios/login';
import type { GeneratedAccount, GeneratedItem, Owner } from '../scenarios/types';
import { invalidField } from '../http/plaid-error';
import { type AccountRow, insertAccounts, listAccounts } from '../store/accounts';
import type { Db } from '../store/db';
import { findItem, insertItems, markHistoryReady, type NewItem } from '../store/items';
import { insertTransactions, type NewTransaction } from '../store/transactions';
import { SANDBOX_INSTITUTIONS } from './institutions';

export interface ItemSpec {
  login: SandboxLogin;
  institutionId: string;
  products: string[];
  webhook: string | null;
  /** Owners from elsewhere (the Link token's user), used unless the password set them. */
  owners?: Owner[];
  batchId?: string | null;
  /** The Link token's user.client_user_id, so a tester can find the customer's Item. */
  clientUserId?: string | null;
  /**
   * Account Select in Link: positions (in the scenario's account list) of the accounts the user
   * shared. As at Plaid, the Item then holds only those accounts. Absent = all.
   */
  selectedAccounts?: number[];
  /** 'now' stores the history with the Item; 'lazy' on the first transactions call. */
  history: 'now' | 'lazy';
}

export interface CreatedItem {
  item: NewItem;
  accounts: AccountRow[];
}

function accountRows(itemId: string, generated: GeneratedAccount[]): AccountRow[] {
  return generated.map((g, position) => ({
    account_id: plaidId(),
    item_id: itemId,
    position,
    name: g.name,
    official_name: g.official_name,
    mask: g.mask,
    type: g.type,
    subtype: g.subtype,
    available_cents: g.available_cents,
    current_cents: g.current_cents,
    limit_cents: g.limit_cents,
    iso_currency_code: 'USD',
  }));
}

function transactionRows(accounts: AccountRow[], generated: GeneratedAccount[]): NewTransaction[] {
  return generated.flatMap((g, i) =>
    g.transactions.map((t) => ({
      transaction_id: plaidId(),
      account_id: accounts[i].account_id,
      amount_cents: t.amount_cents,
      iso_currency_code: 'USD',
      date: t.date,
      authorized_date: t.authorized_date,
      name: t.name,
      merchant_name: t.merchant_name,
      payment_channel: t.payment_channel,
      pfc_primary: t.pfc_primary,
      pfc_detailed: t.pfc_detailed,
      counterparty_type: t.counterparty_type,
      transaction_code: t.transaction_code,
      pending: t.pending,
      pending_transaction_id: null,
    })),
  );
}

function selectAccounts(generated: GeneratedItem, positions: number[] | undefined): GeneratedItem {
  if (!positions) return generated;
  const bad = positions.filter((p) => !Number.isInteger(p) || p < 0 || p >= generated.accounts.length);
  if (bad.length > 0 || positions.length === 0) throw invalidField('account_indexes', `must name at least one of the ${generated.accounts.length} accounts (0-based)`);
  return { ...generated, accounts: generated.accounts.filter((_, i) => positions.includes(i)) };
}

export async function createItems(db: Db, specs: ItemSpec[], now: Date): Promise<CreatedItem[]> {
  const anchor = isoDate(now);
  const created: (CreatedItem & { transactions: NewTransaction[] })[] = specs.map((spec) => {
    if (spec.history === 'lazy' && (spec.login.custom || spec.selectedAccounts)) throw new Error('user_custom Items and Items with selected accounts store their history at creation');
    const generated = selectAccounts(generateForLogin(spec.login, anchor), spec.selectedAccounts);
    const itemId = plaidId();
    const accounts = accountRows(itemId, generated.accounts);
    const item: NewItem = {
      item_id: itemId,
      access_token: accessToken(),
      institution_id: spec.institutionId,
      institution_name: SANDBOX_INSTITUTIONS[spec.institutionId] ?? spec.institutionId,
      webhook: spec.webhook,
      products: spec.products,
      username: spec.login.username,
      scenario: spec.login.scenario,
      seed: spec.login.seed,
      owners: spec.login.owners ?? spec.owners ?? generated.owners,
      error_code: spec.login.loginRequired ? 'ITEM_LOGIN_REQUIRED' : null,
      history_state: spec.history === 'now' ? 'ready' : 'pending',
      history_anchor: anchor,
      batch_id: spec.batchId ?? null,
      client_user_id: spec.clientUserId ?? null,
      created_at: now,
    };
    return { item, accounts, transactions: spec.history === 'now' ? transactionRows(accounts, generated.accounts) : [] };
  });
  await insertItems(db, created.map((c) => c.item));
  await insertAccounts(db, created.flatMap((c) => c.accounts));
  for (const c of created) if (c.transactions.length > 0) await insertTransactions(db, c.item.item_id, c.transactions);
  return created.map(({ item, accounts }) => ({ item, accounts }));
}

/**
 * Stores the history of an Item created with history 'lazy', regenerating it from its scenario,
 * seed and anchor date (so it is the history its balances were computed from). Idempotent.
 */
export async function ensureHistory(db: Db, itemId: string): Promise<void> {
  const item = await findItem(db, itemId, { lock: true });
  if (!item || item.history_state === 'ready') return;
  const generated = SCENARIOS[item.scenario].generate(item.seed, item.history_anchor);
  const accounts = await listAccounts(db, itemId);
  await insertTransactions(db, itemId, transactionRows(accounts, generated.accounts));
  await markHistoryReady(db, itemId);
}
