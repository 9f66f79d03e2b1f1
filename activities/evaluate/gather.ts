/**
 * One account's evaluation input: each module answers for its part (by its functions, never its
 * tables), and the evaluation's day is decided here.
 */
import { getPool } from '../../db/pool';
import { BalanceNeed, decideOnKeptBalance } from '../../domain/evaluate/balance-need';
import { DEFAULT_EVALUATE_POLICY } from '../../domain/evaluate/policy';
import type { EvaluateInput } from '../../domain/evaluate/rules';
import type { IncomeCadence } from '../../domain/payday';
import { businessToday } from '../../platform/business-clock';
import { config } from '../../platform/config';
import { accountsForEvaluation } from '../accounts/evaluation-view';
import { bankDeps } from '../bank/deps';
import { bankEvaluationViews, realTimeBalance, syncBeforeEvaluation } from '../bank/evaluation-view';
import { advanceStates } from '../transfers/advance-states';

/**
 * The gather activity's result, so it travels in the evaluation's history: ids and the rules'
 * input only, never personal data (issue 13). A run recorded before then also holds `legalName`;
 * nothing reads it any more (the transfer's authorize activity looks the name up itself).
 */
export interface GatheredEvaluation {
  input: EvaluateInput;
  advanceId: string | null;
  /** Why the balance in `input` is the kept one or a real-time one (domain/evaluate/balance-need.ts). */
  balanceNeed?: BalanceNeed;
}

const ACCOUNT_STATUS: Record<string, EvaluateInput['account']['status']> = { active: 'active', suspended: 'suspended', closed: 'closed', pending_verification: 'suspended' };

/**
 * Asks each module for its part of one account's evaluation. `today` is the business clock's date
 * (platform/business-clock.ts); a caller evaluating many accounts reads the clock once and passes it.
 * `sync`: Plaid said new transactions are available, so pull them (and the balances they carry)
 * first.
 */
export async function gatherEvaluation(accountId: string, sync: boolean, today?: string): Promise<GatheredEvaluation> {
  if (sync) await syncBeforeEvaluation(bankDeps(), accountId);
  // Just synced, the kept balance is as fresh as the bank's last update: the economy applies. A
  // staff "evaluate now", or a sweep's hand-over about to move money, looks at the bank now.
  const [one] = await gatherEvaluations([accountId], { today, keptBalance: sync });
  if ('error' in one) throw one.error;
  return one;
}

/** One account of a batch: gathered, or its own trouble. */
export type Gathered = (GatheredEvaluation & { accountId: string }) | { accountId: string; error: unknown };

/**
 * The same for a batch of accounts (the sweep's unit of work), set-based: each module answers for
 * the whole batch in one query, read concurrently. The balance is the one the bank module kept
 * (from transactions sync or the last real-time call) whenever domain/evaluate/balance-need.ts
 * says it cannot change the decision; otherwise, and always when money may move, a real-time
 * balance is asked for (Plaid bills each). One account's trouble is its own: it comes back as an
 * error, the others are gathered.
 */
export async function gatherEvaluations(
  accountIds: readonly string[],
  opts: { today?: string; keptBalance: boolean; onEach?: (g: Gathered) => void },
): Promise<Gathered[]> {
  const pool = getPool();
  const [accounts, banks, states, day] = await Promise.all([
    accountsForEvaluation(pool, accountIds),
    bankEvaluationViews(pool, accountIds),
    advanceStates(pool, accountIds),
    opts.today ?? businessToday(),
  ]);
  const policy = evaluationPolicy();
  const untilNextSweep = hoursUntilNextSweep();
  // Each account is told to onEach as soon as it is gathered: a batch starts an account's hand-over
  // while other accounts of the batch still wait for their real-time balances.
  return boundedMap(accountIds, REAL_TIME_PARALLEL, async (accountId) => {
    const g = await gatherOne(accountId);
    opts.onEach?.(g);
    return g;
  });

  async function gatherOne(accountId: string): Promise<Gathered> {
    try {
      const account = accounts.get(accountId);
      if (!account) throw new Error(`account ${accountId} does not exist`);
      const bank = banks.get(accountId)!;
      const state = states.get(accountId)!;
      // The advance keeps its latest notice (written with it): no read per account.
      const notice = state.advance?.announcedRepayment ?? null;
      // The evaluation's day is the business clock's, one clock for every date we decide on; the
      // bank's dates (deposits, returns) stay the bank's and are compared with it, never mixed into it.
      const input: EvaluateInput = {
        today: day,
        account: {
          status: ACCOUNT_STATUS[account.status],
          bankLink: bank.bankLink,
          approved: account.terms?.approved ?? false,
          limitCents: account.terms?.limitCents ?? 0,
          thresholdCents: account.thresholdCents,
        },
        balance: null,
        transferInFlight: state.transferInFlight,
        advance: state.advance && state.advance.outstandingCents > 0 ? { outstandingCents: state.advance.outstandingCents, disbursedOn: state.advance.disbursedOn } : null,
        income: {
          cadence: (account.terms?.incomeCadence ?? 'none') as IncomeCadence,
          depositDates: bank.incomeDepositDates,
          expectedPayday: account.terms?.nextPayday ?? null,
        },
        lastRepaymentAttempt: state.lastRepaymentAttempt,
        repaymentNotice: notice ? { sentOn: notice.sentOn, amountCents: notice.amountCents, scheduledFor: notice.scheduledFor } : null,
        lastRepaidOn: state.lastRepaidOn,
        lastAdvanceReturn: state.lastAdvanceReturn,
      };
      const kept = bank.bankLink === 'ok' ? bank.kept : null;
      const need = opts.keptBalance ? decideOnKeptBalance(input, kept, untilNextSweep, policy).need : undefined;
      // Money may move: the account goes to its own workflow, which asks the bank right before it
      // acts; asking here as well would pay twice for the same look.
      const handOver = need?.reason === 'money-may-move';
      if ((!need || (need.realTime && !handOver)) && bank.bankLink === 'ok') {
        const fresh = await realTimeBalance(bankDeps(), accountId);
        input.account.bankLink = fresh.bankLink;
        input.balance = fresh.bankLink === 'ok' ? { availableCents: fresh.availableCents, currentCents: fresh.currentCents, source: 'real-time' } : null;
      } else if (kept) {
        input.balance = { availableCents: kept.availableCents, currentCents: kept.currentCents, source: 'kept', keptAgeHours: Math.round(kept.ageHours * 100) / 100 };
      }
      return { accountId, input, advanceId: state.advance?.id ?? null, balanceNeed: need };
    } catch (error) {
      return { accountId, error };
    }
  }
}

/** Hours until the next scheduled sweep, at most: the schedule's interval (EVALUATE_INTERVAL). */
function hoursUntilNextSweep(): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(config().EVALUATE_INTERVAL);
  if (!m) return 24;
  return Number(m[1]) / { s: 3600, m: 60, h: 1, d: 1 / 24 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

/** At most this many real-time balance calls of one batch at once (Plaid's and the pool's sake). */
const REAL_TIME_PARALLEL = 8;

async function boundedMap<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

export const evaluationPolicy = () => ({ ...DEFAULT_EVALUATE_POLICY, defaultThresholdCents: config().EVALUATE_THRESHOLD_CENTS });

