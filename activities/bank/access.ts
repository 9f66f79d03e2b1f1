/**
 * In-process access to a customer's bank for the modules that move money through Plaid
 * (transfers). The decrypted token is handed to a callback and never returned, so it cannot
 * end up in an activity result, a workflow payload or a log line.
 */
import { accountsOfItem } from './bank-store';
import type { BankDeps } from './deps';
import { requireUsableItem } from './sync';
import { decryptToken } from './token-crypto';

export interface BankAccess {
  accessToken: string;
  /** The depository checking account money moves to and from. */
  plaidAccountId: string;
}

export async function withBankAccess<T>(deps: BankDeps, accountId: string, fn: (access: BankAccess) => Promise<T>): Promise<T> {
  const item = await requireUsableItem(deps, accountId);
  const accounts = await accountsOfItem(deps.pool, item.id);
  const primary = accounts.find((a) => a.type === 'depository' && a.subtype === 'checking') ?? accounts.find((a) => a.type === 'depository');
  if (!primary) throw new Error(`no depository account on item ${item.id}`);
  return fn({ accessToken: decryptToken(deps.key, item.accessTokenEnc), plaidAccountId: primary.id });
}
