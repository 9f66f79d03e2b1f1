/** Helpers for transfer tests: an Item's checking account and an approved transfer. */
import { ACHClass, TransferNetwork, TransferType } from 'plaid';
import { linkItem, type TestSandbox } from './harness';

export async function checkingOf(t: TestSandbox, opts: Parameters<typeof linkItem>[1] = {}) {
  const { accessToken, itemId } = await linkItem(t, opts);
  const { data } = await t.plaid.accountsGet({ access_token: accessToken });
  const checking = data.accounts.find((a) => a.subtype === 'checking')!;
  return { accessToken, itemId, accountId: checking.account_id };
}

export function authorizationRequest(accessToken: string, accountId: string, type: 'debit' | 'credit', amount: string, extra: Record<string, unknown> = {}) {
  return {
    access_token: accessToken,
    account_id: accountId,
    type: type === 'debit' ? TransferType.Debit : TransferType.Credit,
    network: TransferNetwork.Ach,
    amount,
    ach_class: ACHClass.Ppd,
    user: { legal_name: 'Alberta Bobbeth Charleson', email_address: 'accountholder0@example.com' },
    ...extra,
  };
}

/** Authorizes and creates a transfer; returns its id. */
export async function createTransfer(t: TestSandbox, accessToken: string, accountId: string, type: 'debit' | 'credit', amount: string): Promise<string> {
  const { data: auth } = await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, type, amount));
  if (auth.authorization.decision !== 'approved') throw new Error(`authorization ${auth.authorization.decision}`);
  const { data } = await t.plaid.transferCreate({ access_token: accessToken, account_id: accountId, authorization_id: auth.authorization.id, description: type === 'debit' ? 'Repayment' : 'Advance' });
  return data.transfer.id;
}
