/** Transfer objects as Plaid serves them: amounts as decimal strings, dates ISO. */
import { isoDate, isoDateTime } from '../clock';
import { decimalStringFromCents } from '../money';
import type { AuthorizationRow, TransferEventRow, TransferRow } from '../store/transfers';

/** Weekdays after `d` (bank holidays ignored), for the ACH return windows. */
function addBusinessDays(d: Date, n: number): string {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  let left = n;
  while (left > 0) {
    x.setUTCDate(x.getUTCDate() + 1);
    const wd = x.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return isoDate(x);
}

function failureReason(code: string | null, description: string | null) {
  if (description === null && code === null) return null;
  return { failure_code: code, ach_return_code: code, description: description ?? '' };
}

export function presentAuthorization(a: AuthorizationRow): Record<string, unknown> {
  return {
    id: a.authorization_id,
    created: isoDateTime(a.created_at),
    decision: a.decision,
    decision_rationale: a.rationale_code ? { code: a.rationale_code, description: a.rationale_description ?? '' } : null,
    guarantee_decision: null,
    guarantee_decision_rationale: null,
    payment_risk: null,
    proposed_transfer: {
      ach_class: a.ach_class ?? undefined,
      account_id: a.account_id,
      funding_account_id: null,
      ledger_id: null,
      type: a.type,
      user: a.user_info,
      amount: decimalStringFromCents(a.amount_cents),
      network: a.network,
      iso_currency_code: a.iso_currency_code,
      origination_account_id: '',
      originator_client_id: null,
      credit_funds_source: null,
    },
  };
}

export function presentTransfer(t: TransferRow): Record<string, unknown> {
  const debitSettled = t.type === 'debit' && t.settled_at !== null;
  return {
    id: t.transfer_id,
    authorization_id: t.authorization_id,
    ach_class: t.ach_class ?? undefined,
    account_id: t.account_id,
    funding_account_id: null,
    ledger_id: null,
    type: t.type,
    user: t.user_info,
    amount: decimalStringFromCents(t.amount_cents),
    description: t.description,
    created: isoDateTime(t.created_at),
    status: t.status,
    network: t.network,
    cancellable: t.status === 'pending',
    failure_reason: failureReason(t.failure_code, t.failure_description),
    metadata: t.metadata,
    origination_account_id: '',
    guarantee_decision: null,
    guarantee_decision_rationale: null,
    iso_currency_code: t.iso_currency_code,
    standard_return_window: debitSettled ? addBusinessDays(t.settled_at!, 3) : null,
    unauthorized_return_window: debitSettled ? addBusinessDays(t.settled_at!, 61) : null,
    expected_settlement_date: null,
    originator_client_id: null,
    refunds: [],
    recurring_transfer_id: null,
    credit_funds_source: null,
    network_trace_id: null,
  };
}

export function presentTransferEvent(e: TransferEventRow): Record<string, unknown> {
  return {
    event_id: e.event_id,
    timestamp: isoDateTime(e.occurred_at),
    event_type: e.event_type,
    account_id: e.account_id,
    funding_account_id: null,
    ledger_id: null,
    transfer_id: e.transfer_id,
    origination_account_id: null,
    transfer_type: e.type,
    transfer_amount: decimalStringFromCents(e.amount_cents),
    failure_reason: failureReason(e.failure_code, e.failure_description),
    sweep_id: null,
    sweep_amount: null,
    refund_id: null,
    originator_client_id: null,
  };
}
