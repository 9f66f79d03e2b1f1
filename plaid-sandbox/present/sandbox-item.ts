/**
 * An Item as the /__sandbox/items control describes it to a tester: which bank, whose (the Link
 * token's client_user_id), the accounts with balances (dollars, as on Plaid's wire) and when it
 * was linked. Includes the access_token: the sandbox is a local tool and controls accept it.
 */
import { isoDateTime } from '../clock';
import type { AccountRow } from '../store/accounts';
import type { ItemRow } from '../store/items';
import { presentAccount } from './account';

export function presentSandboxItem(item: ItemRow, accounts: AccountRow[]): Record<string, unknown> {
  return {
    item_id: item.item_id,
    access_token: item.access_token,
    client_user_id: item.client_user_id,
    institution: { institution_id: item.institution_id, name: item.institution_name },
    username: item.username,
    error_code: item.error_code,
    created_at: isoDateTime(item.created_at),
    accounts: accounts.map((a) => {
      const { account_id, name, mask, type, subtype, balances } = presentAccount(a);
      return { account_id, name, mask, type, subtype, balances };
    }),
  };
}
