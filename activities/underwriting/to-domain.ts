/** Maps the bank module's compact history (activities/bank/history.ts) to underwriting's input. */
import type { BankHistory as StoredHistory } from '../bank/history';
import type { BankHistory } from '../../domain/underwriting/types';

export function toUnderwritingHistory(h: StoredHistory, asOf: string): BankHistory {
  return {
    asOf,
    accounts: h.accounts.map((a) => ({
      account_id: a.id,
      type: a.type,
      subtype: a.subtype,
      balances: { currentCents: a.currentCents, availableCents: a.availableCents },
    })),
    transactions: h.transactions.map((t) => ({
      transaction_id: t.id,
      account_id: t.accountId,
      amountCents: t.amountCents,
      date: t.date,
      name: t.name,
      merchant_name: t.merchantName,
      personal_finance_category: t.category ? { primary: t.category, detailed: t.categoryDetailed } : null,
      pending: t.pending,
    })),
  };
}
