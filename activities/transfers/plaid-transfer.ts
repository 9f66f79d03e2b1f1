/**
 * Plaid Transfer calls for one attempt. Amounts cross to Plaid as decimal strings, converted from
 * integer cents here and nowhere else. Every call carries the attempt's idempotency key, and what
 * Plaid answered is stored before the activity returns.
 */
import { ACHClass, TransferNetwork, TransferType } from 'plaid';
import { withBankAccess } from '../bank/access';
import type { BankDeps } from '../bank/deps';
import { plaidErrorInfo, toActivityFailure } from '../bank/plaid-errors';
import { centsToTransferAmount } from '../../domain/money';

export interface AuthorizeInput {
  transferId: string;
  attempt: number;
  idempotencyKey: string;
  accountId: string;
  direction: 'credit' | 'debit';
  amountCents: number;
  legalName: string;
}

export interface AuthorizeResult {
  decision: 'approved' | 'declined' | 'user_action_required';
  authorizationId: string | null;
  rationale: string | null;
}

export async function authorizeTransfer(deps: BankDeps, a: AuthorizeInput): Promise<AuthorizeResult & { raw: unknown }> {
  try {
    return await withBankAccess(deps, a.accountId, async ({ accessToken, plaidAccountId }) => {
      const { data } = await deps.plaid.transferAuthorizationCreate({
        access_token: accessToken,
        account_id: plaidAccountId,
        type: a.direction === 'credit' ? TransferType.Credit : TransferType.Debit,
        network: TransferNetwork.Ach,
        amount: centsToTransferAmount(a.amountCents),
        ach_class: ACHClass.Ppd,
        user: { legal_name: a.legalName },
        idempotency_key: a.idempotencyKey,
      });
      const auth = data.authorization;
      const rationale = auth.decision_rationale ? `${auth.decision_rationale.code}: ${auth.decision_rationale.description}` : null;
      return { decision: auth.decision as AuthorizeResult['decision'], authorizationId: auth.id, rationale, raw: auth };
    });
  } catch (err) {
    throw plaidErrorInfo(err) ? toActivityFailure(err) : err;
  }
}

export async function createTransfer(
  deps: BankDeps,
  c: { accountId: string; authorizationId: string; idempotencyKey: string; description: string },
): Promise<{ plaidTransferId: string; status: string }> {
  try {
    return await withBankAccess(deps, c.accountId, async ({ accessToken, plaidAccountId }) => {
      const { data } = await deps.plaid.transferCreate({
        access_token: accessToken,
        account_id: plaidAccountId,
        authorization_id: c.authorizationId, // Plaid makes create idempotent on the authorization
        idempotency_key: c.idempotencyKey,
        description: c.description,
      });
      return { plaidTransferId: data.transfer.id, status: data.transfer.status };
    });
  } catch (err) {
    throw plaidErrorInfo(err) ? toActivityFailure(err) : err;
  }
}

export async function cancelTransfer(deps: BankDeps, plaidTransferId: string): Promise<{ cancelled: boolean; reason: string | null }> {
  try {
    await deps.plaid.transferCancel({ transfer_id: plaidTransferId });
    return { cancelled: true, reason: null };
  } catch (err) {
    const info = plaidErrorInfo(err);
    if (info?.errorCode === 'TRANSFER_NOT_CANCELLABLE') return { cancelled: false, reason: 'Plaid says the transfer can no longer be cancelled.' };
    throw info ? toActivityFailure(err) : err;
  }
}
