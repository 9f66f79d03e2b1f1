/**
 * Double-entry posting rules for advances and repayments, in integer cents.
 *
 * Accounts:
 *   customer_receivable:<accountId>  asset: what that customer owes us (their outstanding advance)
 *   ach_suspense                     clearing: advances we have sent into ACH that have not settled
 *                                    out of our bank yet (cash committed, not yet gone)
 *   operating_cash                   asset: our balance at the bank (the Plaid Transfer ledger)
 *
 * Each transfer status has a POSITION: the lines that status stands for, from nothing.
 *   advance (credit to the customer)
 *     created                       nothing (only authorized)
 *     pending, posted               DR customer_receivable  CR ach_suspense
 *     settled                       DR customer_receivable  CR operating_cash
 *     failed, cancelled, returned   nothing (money never left, or came back)
 *   repayment (debit from the customer)
 *     created, pending, posted, settled   nothing
 *     funds_available                     DR operating_cash  CR customer_receivable
 *     failed, cancelled, returned         nothing
 * A status change books position(to) - position(from). So every entry balances (both
 * positions do), duplicates book nothing, any skipped step (pending -> settled) still lands
 * right, and a return restores exactly what the transfer had booked.
 *
 * Why the asymmetry: an advance counts as owed from the moment we send it (the customer may
 * not get a second one while it is in flight), while a repayment reduces what is owed only
 * once its money is ours to use (Plaid `funds_available`, the success state of a debit). Until
 * then an R01 return is likely, and the outstanding amount shown to the customer, to support
 * staff and to the evaluate rules must not have dropped. The customer's exposure is never
 * understated. Returns after funds_available (unauthorized returns come up to 60 days later)
 * reverse the cash and restore the receivable.
 */
import { Cents, assertCents } from './money';

export const LEDGER_RULES_VERSION = 'ledger-1.0.0';

export const OPERATING_CASH = 'operating_cash';
export const ACH_SUSPENSE = 'ach_suspense';
const RECEIVABLE_PREFIX = 'customer_receivable:';

export function receivableAccount(accountId: string): string {
  if (!accountId || accountId.includes(':')) throw new RangeError(`invalid account id for the ledger: ${JSON.stringify(accountId)}`);
  return `${RECEIVABLE_PREFIX}${accountId}`;
}

export type TransferKind = 'advance' | 'repayment';
/** Plaid Transfer statuses, plus `created` for our own state between authorization and /transfer/create. */
export type TransferStatus = 'created' | 'pending' | 'posted' | 'settled' | 'funds_available' | 'failed' | 'cancelled' | 'returned';

export const TERMINAL_STATUSES: readonly TransferStatus[] = ['failed', 'cancelled', 'returned'];
/** Order of the forward path; terminal statuses may follow any of these. */
const PROGRESS: readonly TransferStatus[] = ['created', 'pending', 'posted', 'settled', 'funds_available'];

export interface TransferStatusChange {
  kind: TransferKind;
  transferId: string;
  /** The customer's account (the receivable's sub-account). */
  accountId: string;
  /** Positive cents. */
  amountCents: Cents;
  /** Previous status, null for a transfer seen for the first time. */
  from: TransferStatus | null;
  to: TransferStatus;
}

/** One side of an entry: positive = debit, negative = credit. */
export interface LedgerLine {
  account: string;
  amountCents: Cents;
}

export interface JournalEntry {
  /** Unique per transfer and status: the idempotency key of the entry in the database. */
  entryId: string;
  transferId: string;
  description: string;
  rulesVersion: string;
  lines: LedgerLine[];
}

export class LedgerRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerRuleError';
  }
}

/** The lines a transfer in `status` stands for, from nothing (see the table at the top). */
export function positionFor(kind: TransferKind, status: TransferStatus | null, accountId: string, amountCents: Cents): LedgerLine[] {
  assertPositive(amountCents);
  const receivable = receivableAccount(accountId);
  if (status === null) return [];
  if (kind === 'advance') {
    switch (status) {
      case 'pending':
      case 'posted':
        return [line(receivable, amountCents), line(ACH_SUSPENSE, -amountCents)];
      case 'settled':
        return [line(receivable, amountCents), line(OPERATING_CASH, -amountCents)];
      case 'funds_available':
        throw new LedgerRuleError('an advance (ACH credit) has no funds_available status: a credit ends at settled');
      default:
        return [];
    }
  }
  return status === 'funds_available' ? [line(OPERATING_CASH, amountCents), line(receivable, -amountCents)] : [];
}

/** The lines to book for a status change: position(to) - position(from), zero lines dropped. */
export function linesFor(event: TransferStatusChange): LedgerLine[] {
  assertTransition(event);
  const before = positionFor(event.kind, event.from, event.accountId, event.amountCents);
  const after = positionFor(event.kind, event.to, event.accountId, event.amountCents);
  const net = new Map<string, number>();
  for (const l of after) net.set(l.account, (net.get(l.account) ?? 0) + l.amountCents);
  for (const l of before) net.set(l.account, (net.get(l.account) ?? 0) - l.amountCents);
  return Array.from(net, ([account, amountCents]) => line(account, amountCents))
    .filter((l) => l.amountCents !== 0)
    .sort((a, b) => b.amountCents - a.amountCents || (a.account < b.account ? -1 : 1)); // debits first
}

export function journalEntryFor(event: TransferStatusChange): JournalEntry {
  return {
    entryId: `${event.transferId}:${event.to}`,
    transferId: event.transferId,
    description: `${event.kind} ${event.transferId}: ${event.from ?? 'new'} -> ${event.to}`,
    rulesVersion: LEDGER_RULES_VERSION,
    lines: linesFor(event),
  };
}

function assertTransition(event: TransferStatusChange): void {
  assertPositive(event.amountCents);
  const { from, to } = event;
  if (from === to) return; // a repeated event: books nothing
  if (from !== null && TERMINAL_STATUSES.includes(from)) {
    throw new LedgerRuleError(`transfer ${event.transferId} is already ${from}; it cannot become ${to}`);
  }
  if (from !== null && !TERMINAL_STATUSES.includes(to) && PROGRESS.indexOf(to) < PROGRESS.indexOf(from)) {
    throw new LedgerRuleError(`transfer ${event.transferId} cannot go back from ${from} to ${to}`);
  }
}

function assertPositive(amountCents: Cents): void {
  assertCents(amountCents, 'transfer amount');
  if (amountCents <= 0) throw new RangeError(`a transfer amount must be positive, got ${amountCents}`);
}

function line(account: string, amountCents: Cents): LedgerLine {
  return { account, amountCents };
}

/** Sum of lines (0 for a balanced entry or set of entries). */
export function sumLines(lines: readonly LedgerLine[]): Cents {
  let total = 0;
  for (const l of lines) {
    assertCents(l.amountCents, `line on ${l.account}`);
    total += l.amountCents;
  }
  assertCents(total, 'ledger total');
  return total;
}

/** Balance per account (debit positive), accounts sorted by name. */
export function balancesOf(lines: readonly LedgerLine[]): Record<string, Cents> {
  const out = new Map<string, number>();
  for (const l of lines) {
    assertCents(l.amountCents, `line on ${l.account}`);
    out.set(l.account, (out.get(l.account) ?? 0) + l.amountCents);
  }
  return Object.fromEntries(Array.from(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The customer's outstanding advance: the balance of customer_receivable:<accountId>. Without
 * accountId, the sum over every receivable in the lines (for lines already filtered to one
 * customer). Negative would mean we owe the customer (an overpayment): returned as is.
 */
export function outstandingAdvanceCents(lines: readonly LedgerLine[], accountId?: string): Cents {
  const matches = accountId === undefined ? (a: string) => a.startsWith(RECEIVABLE_PREFIX) : (a: string) => a === receivableAccount(accountId);
  return sumLines(lines.filter((l) => matches(l.account)));
}
