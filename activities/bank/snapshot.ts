/**
 * The bank's view for an evaluation: the fresh available balance and the recent income deposits
 * (from which the evaluate rules refresh the expected payday). Optionally syncs transactions
 * first, when Plaid told us new ones are available.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { BankDeps } from './deps';
import { accountsOfItem, upsertAccounts } from './bank-store';
import { plaidFailure, requireUsableItem, syncTransactions } from './sync';
import { decryptToken } from './token-crypto';
import { watchedAccount } from './watched-account';

export interface BankSnapshot {
  bankLink: 'ok' | 'login_required' | 'disconnected';
  availableCents: number | null;
  currentCents: number | null;
  incomeDepositDates: string[];
}

export async function bankSnapshot(deps: BankDeps, accountId: string, opts: { sync: boolean }): Promise<BankSnapshot> {
  let item;
  try {
    item = await requireUsableItem(deps, accountId);
  } catch (err) {
    if (err instanceof ApplicationFailure && err.type === 'BANK_LOGIN_REQUIRED') return { bankLink: 'login_required', availableCents: null, currentCents: null, incomeDepositDates: [] };
    if (err instanceof ApplicationFailure && err.type === 'NO_LINKED_BANK') return { bankLink: 'disconnected', availableCents: null, currentCents: null, incomeDepositDates: [] };
    throw err;
  }
  try {
    if (opts.sync) await syncTransactions(deps, accountId);
    const { data } = await deps.plaid.accountsBalanceGet({ access_token: decryptToken(deps.key, item.accessTokenEnc) });
    await upsertAccounts(deps.pool, item.id, data.accounts);
  } catch (err) {
    const failure = await plaidFailure(deps, item, err);
    if (failure instanceof ApplicationFailure && (failure.type === 'BANK_LOGIN_REQUIRED' || failure.type === 'BANK_TOKEN_INVALID'))
      return { bankLink: 'login_required', availableCents: null, currentCents: null, incomeDepositDates: [] };
    throw failure;
  }
  const accounts = await accountsOfItem(deps.pool, item.id);
  const primary = watchedAccount(accounts);
  const { rows } = await deps.pool.query(
    `SELECT DISTINCT to_char(date, 'YYYY-MM-DD') AS d FROM bank.transactions
     WHERE item_id = $1 AND removed_at IS NULL AND amount_cents < 0 AND category_primary = 'INCOME' ORDER BY d`,
    [item.id],
  );
  return {
    bankLink: 'ok',
    availableCents: primary?.availableCents ?? null,
    currentCents: primary?.currentCents ?? null,
    incomeDepositDates: rows.map((r) => r.d),
  };
}
