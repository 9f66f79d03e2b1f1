/** The one account Timely watches for a customer: checking if there is one, else the first depository account. */
import type { BankAccountRow } from './bank-store';

export function watchedAccount(accounts: readonly BankAccountRow[]): BankAccountRow | undefined {
  return accounts.find((a) => a.type === 'depository' && a.subtype === 'checking') ?? accounts.find((a) => a.type === 'depository');
}
