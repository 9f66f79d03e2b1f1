/** AccountBase as Plaid serves it: balances in dollars (JSON numbers), cents never leave the sandbox. */
import { isoDateTime } from '../clock';
import { dollarsFromCents } from '../money';
import type { AccountRow } from '../store/accounts';

export function presentAccount(a: AccountRow, opts: { balanceUpdatedAt?: Date } = {}): Record<string, unknown> {
  return {
    account_id: a.account_id,
    balances: {
      available: dollarsFromCents(a.available_cents),
      current: dollarsFromCents(a.current_cents),
      limit: dollarsFromCents(a.limit_cents),
      iso_currency_code: a.iso_currency_code,
      unofficial_currency_code: null,
      ...(opts.balanceUpdatedAt ? { last_updated_datetime: isoDateTime(opts.balanceUpdatedAt) } : {}),
    },
    holder_category: 'personal',
    mask: a.mask,
    name: a.name,
    official_name: a.official_name,
    subtype: a.subtype,
    type: a.type,
  };
}
