/** Transaction as /transactions/sync serves it: every field the spec requires, null where the sandbox has no data. */
import { dollarsFromCents } from '../money';
import type { TransactionRow } from '../store/transactions';

const NO_LOCATION = { address: null, city: null, region: null, postal_code: null, country: null, lat: null, lon: null, store_number: null };
const NO_PAYMENT_META = { reference_number: null, ppd_id: null, payee: null, by_order_of: null, payer: null, payment_method: null, payment_processor: null, reason: null };

export function presentTransaction(t: TransactionRow, opts: { includeOriginalDescription?: boolean } = {}): Record<string, unknown> {
  return {
    account_id: t.account_id,
    account_owner: null,
    amount: dollarsFromCents(t.amount_cents),
    authorized_date: t.authorized_date,
    authorized_datetime: null,
    check_number: null,
    counterparties: t.merchant_name
      ? [{ name: t.merchant_name, type: t.counterparty_type ?? 'merchant', website: null, logo_url: null, entity_id: null, confidence_level: 'VERY_HIGH' }]
      : [],
    date: t.date,
    datetime: null,
    iso_currency_code: t.iso_currency_code,
    location: NO_LOCATION,
    logo_url: null,
    merchant_entity_id: null,
    merchant_name: t.merchant_name,
    name: t.name,
    ...(opts.includeOriginalDescription ? { original_description: t.name } : {}),
    payment_channel: t.payment_channel,
    payment_meta: NO_PAYMENT_META,
    pending: t.pending,
    pending_transaction_id: t.pending_transaction_id,
    personal_finance_category: t.pfc_primary && t.pfc_detailed ? { primary: t.pfc_primary, detailed: t.pfc_detailed, confidence_level: 'VERY_HIGH' } : null,
    ...(t.pfc_primary ? { personal_finance_category_icon_url: `https://plaid-category-icons.plaid.com/PFC_${t.pfc_primary}.png` } : {}),
    transaction_code: t.transaction_code,
    transaction_id: t.transaction_id,
    unofficial_currency_code: null,
    website: null,
  };
}
