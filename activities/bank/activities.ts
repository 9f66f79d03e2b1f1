/** The bank module's activities: what workflows may ask of the bank (never a token in a payload). */
import type { IdentityGetResponse } from 'plaid';
import { upsertAccounts } from './bank-store';
import { bankDeps, BankDeps } from './deps';
import type { BankAccountSnapshot, BankHistory } from './history';
import { snapshotStoredHistory } from './history-snapshot';
import { loadHistory, plaidFailure, requireUsableItem, syncItemTransactions, syncTransactions, SyncResult } from './sync';
import { decryptToken } from './token-crypto';

export interface BankOwners {
  names: string[];
  emails: string[];
  phones: string[];
}

export function bankActivities(getDeps: () => BankDeps = bankDeps) {
  return {
    /**
     * Syncs transactions incrementally, then returns the stored 90-day history with balances.
     * Kept for applications started before histories went by reference (syncBankHistorySnapshot).
     */
    async syncBankHistory(accountId: string): Promise<BankHistory & { sync: SyncResult }> {
      const deps = getDeps();
      const sync = await syncTransactions(deps, accountId);
      return { ...(await loadHistory(deps, accountId)), sync };
    },

    /** Syncs, stores the 90-day history once (keyed by the step) and returns only its id. */
    async syncBankHistorySnapshot(s: { accountId: string; snapshotKey: string }): Promise<{ historyId: string; sync: SyncResult }> {
      const deps = getDeps();
      const item = await requireUsableItem(deps, s.accountId);
      const sync = await syncItemTransactions(deps, item);
      const historyId = await snapshotStoredHistory(deps.pool, s.snapshotKey, s.accountId, item);
      return { historyId, sync };
    },

    /** Real-time balances (/accounts/balance/get), stored as read. */
    async fetchBalances(accountId: string): Promise<BankAccountSnapshot[]> {
      const deps = getDeps();
      const item = await requireUsableItem(deps, accountId);
      let stored;
      try {
        const { data } = await deps.plaid.accountsBalanceGet({ access_token: decryptToken(deps.key, item.accessTokenEnc) });
        stored = await upsertAccounts(deps.pool, item.id, data.accounts);
      } catch (err) {
        throw await plaidFailure(deps, item, err);
      }
      return stored.map((a) => ({
        id: a.id,
        type: a.type,
        subtype: a.subtype,
        currentCents: a.currentCents,
        availableCents: a.availableCents,
        isoCurrencyCode: a.isoCurrencyCode,
      }));
    },

    /** The account holders' names, emails and phones as the bank knows them (/identity/get). */
    async fetchBankOwners(accountId: string): Promise<BankOwners> {
      const deps = getDeps();
      const item = await requireUsableItem(deps, accountId);
      let data: IdentityGetResponse;
      try {
        ({ data } = await deps.plaid.identityGet({ access_token: decryptToken(deps.key, item.accessTokenEnc) }));
      } catch (err) {
        throw await plaidFailure(deps, item, err);
      }
      const owners = data.accounts.flatMap((a) => a.owners ?? []);
      const uniq = (xs: string[]) => [...new Set(xs)];
      return {
        names: uniq(owners.flatMap((o) => o.names ?? [])),
        emails: uniq(owners.flatMap((o) => (o.emails ?? []).map((e) => e.data))),
        phones: uniq(owners.flatMap((o) => (o.phone_numbers ?? []).map((p) => p.data))),
      };
    },
  };
}
