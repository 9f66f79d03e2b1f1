/**
 * The bank's view for evaluations, for many accounts in one query: the link's state, the balance
 * kept from the last transactions sync or real-time call (with its age), the spending seen in the
 * recent history (domain/evaluate/balance-need.ts decides from these whether the kept balance is
 * enough), and the income deposit dates. `realTimeBalance` is the
 * billable /accounts/balance/get, asked only when the rule says so and always before money moves.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { queryWithGenericPlan } from '../../db/generic-plan';
import type { KeptBalance } from '../../domain/evaluate/balance-need';
import type { ItemRow } from './bank-store';
import { liveItemOf, upsertAccounts } from './bank-store';
import type { BankDeps } from './deps';
import { plaidFailure, syncTransactions } from './sync';
import { decryptToken } from './token-crypto';
import { watchedAccount } from './watched-account';

export type BankLink = 'ok' | 'login_required' | 'disconnected';

export interface BankEvaluationView {
  bankLink: BankLink;
  /** The live item (to ask for a real-time balance); null when none is usable. */
  itemId: string | null;
  kept: KeptBalance | null;
  incomeDepositDates: string[];
}

const noBank = (bankLink: BankLink): BankEvaluationView => ({ bankLink, itemId: null, kept: null, incomeDepositDates: [] });

/** One query for a batch of accounts (a sweep's batch, or one account). */
export async function bankEvaluationViews(pool: Pool, accountIds: readonly string[]): Promise<Map<string, BankEvaluationView>> {
  // The spending and the income dates come from bank.item_activity, which triggers keep as the
  // item's transactions change (migration 0024): one row per item, not a scan of its history.
  // Planned once per connection (db/generic-plan.ts).
  const { rows } = await queryWithGenericPlan(pool, {
    name: 'bank-evaluation-views',
    text: `WITH it AS (SELECT id, account_id, status FROM bank.items WHERE account_id = ANY($1::uuid[]) AND status <> 'removed')
     SELECT it.account_id, it.id AS item_id, it.status, acc.accounts, act.income_dates AS dates, act.spend_by_account AS by_account
     FROM it
     LEFT JOIN LATERAL (
       SELECT json_agg(json_build_object('id', a.plaid_account_id, 'type', a.type, 'subtype', a.subtype, 'available', a.available_cents,
                'current', a.current_cents, 'ageHours', extract(epoch FROM now() - a.balances_at) / 3600) ORDER BY a.type, a.name, a.plaid_account_id) AS accounts
       FROM bank.accounts a WHERE a.item_id = it.id) acc ON true
     LEFT JOIN bank.item_activity act ON act.item_id = it.id`,
    values: [accountIds],
  });
  const out = new Map<string, BankEvaluationView>();
  for (const id of accountIds) out.set(id, noBank('disconnected'));
  for (const r of rows) {
    if (r.status === 'login_required') {
      out.set(r.account_id, noBank('login_required'));
      continue;
    }
    const accounts: { id: string; type: string; subtype: string | null; available: number | null; current: number | null; ageHours: number | null }[] = r.accounts ?? [];
    const w = watchedAccount(accounts);
    const spend = w ? r.by_account?.[w.id] : undefined;
    out.set(r.account_id, {
      bankLink: 'ok',
      itemId: r.item_id,
      kept:
        w && (w.available !== null || w.current !== null)
          ? {
              availableCents: w.available === null ? null : Number(w.available),
              currentCents: w.current === null ? null : Number(w.current),
              ageHours: w.ageHours === null ? Number.POSITIVE_INFINITY : Number(w.ageHours),
              spend: spend
                ? { largestDayCents: Number(spend.largestDay), largestOutflowCents: Number(spend.largestOne), historyDays: Number(spend.days) }
                : { largestDayCents: 0, largestOutflowCents: 0, historyDays: 0 },
            }
          : null,
      incomeDepositDates: r.dates ?? [],
    });
  }
  return out;
}

/** Plaid's SYNC_UPDATES_AVAILABLE: pull the new transactions (and the balances they carry) first. */
export async function syncBeforeEvaluation(deps: BankDeps, accountId: string): Promise<void> {
  const item = await liveItemOf(deps.pool, accountId);
  if (!item || item.status !== 'active') return;
  try {
    await syncTransactions(deps, accountId);
  } catch (err) {
    // A login that expired is the evaluation's answer (BANK_LOGIN_REQUIRED), not a failure.
    if (err instanceof ApplicationFailure && (err.type === 'BANK_LOGIN_REQUIRED' || err.type === 'BANK_TOKEN_INVALID')) return;
    throw err;
  }
}

/**
 * The billable call: /accounts/balance/get for the item, stored as the kept balance. A login that
 * expired marks the item and answers login_required, as the evaluation rules expect.
 */
export async function realTimeBalance(
  deps: BankDeps,
  accountId: string,
): Promise<{ bankLink: BankLink; availableCents: number | null; currentCents: number | null }> {
  const item: ItemRow | undefined = await liveItemOf(deps.pool, accountId);
  if (!item) return { bankLink: 'disconnected', availableCents: null, currentCents: null };
  if (item.status === 'login_required') return { bankLink: 'login_required', availableCents: null, currentCents: null };
  let stored;
  try {
    const { data } = await deps.plaid.accountsBalanceGet({ access_token: decryptToken(deps.key, item.accessTokenEnc) });
    stored = await upsertAccounts(deps.pool, item.id, data.accounts);
  } catch (err) {
    const failure = await plaidFailure(deps, item, err);
    if (failure instanceof ApplicationFailure && (failure.type === 'BANK_LOGIN_REQUIRED' || failure.type === 'BANK_TOKEN_INVALID'))
      return { bankLink: 'login_required', availableCents: null, currentCents: null };
    throw failure;
  }
  const primary = watchedAccount(stored);
  return { bankLink: 'ok', availableCents: primary?.availableCents ?? null, currentCents: primary?.currentCents ?? null };
}
