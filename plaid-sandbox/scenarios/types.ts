/** What a scenario produces: accounts with balances and history, and the owners' identity. */

/** Plaid's Owner object (as served by /identity/get). */
export interface Owner {
  names: string[];
  phone_numbers: { data: string; primary: boolean; type: 'home' | 'work' | 'office' | 'mobile' | 'mobile1' | 'other' }[];
  emails: { data: string; primary: boolean; type: 'primary' | 'secondary' | 'other' }[];
  addresses: {
    data: { street: string; city: string | null; region: string | null; postal_code: string | null; country: string | null };
    primary: boolean;
  }[];
}

export interface GeneratedTransaction {
  date: string; // YYYY-MM-DD
  authorized_date: string | null;
  /** Plaid's sign: positive when money leaves the account. */
  amount_cents: number;
  name: string;
  merchant_name: string | null;
  payment_channel: 'online' | 'in store' | 'other';
  pfc_primary: string;
  pfc_detailed: string;
  counterparty_type: 'merchant' | 'financial_institution' | 'payment_app' | 'marketplace' | 'payment_terminal' | 'income_source' | null;
  transaction_code: string | null;
  pending: boolean;
}

export interface GeneratedAccount {
  name: string;
  official_name: string | null;
  mask: string;
  type: 'depository' | 'credit' | 'loan' | 'investment' | 'other';
  subtype: string;
  current_cents: number | null;
  available_cents: number | null;
  limit_cents: number | null;
  transactions: GeneratedTransaction[];
}

export interface GeneratedItem {
  accounts: GeneratedAccount[];
  owners: Owner[];
}
