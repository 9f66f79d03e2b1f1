/**
 * Helpers for transfer tests: a customer with a linked bank (sandbox user_good, $100 available),
 * an advance or a repayment row with its workflow started, Plaid's side of an attempt, sandbox
 * simulations delivered by signed webhook, and the ledger checks every test ends with.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Pool } from 'pg';
import { startTransferWorkflow } from '../../activities/transfers/start';
import { insertTransfer, openAdvance, TransferRow } from '../../activities/transfers/transfers-store';
import { getPool } from '../../db/pool';
import type { TestSandbox } from '../../plaid-sandbox/test/harness';
import { TransferInput, TransferState, transferStateQuery, transferWorkflow, transferWorkflowId } from '../../workflows/transfer';
import { call, signUpAndSignIn, TestApi } from './api';
import { eventually } from './wait';

export async function linkedCustomer(api: TestApi, username = 'user_good'): Promise<{ accountId: string; token: string }> {
  const c = await signUpAndSignIn(api);
  const pub = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: c.token, body: { username } });
  const link = await call(api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: pub.body.publicToken } });
  if (link.status !== 201) throw new Error(`link failed: ${JSON.stringify(link.body)}`);
  return { accountId: c.accountId, token: c.token };
}

type Overrides = Partial<Pick<TransferInput, 'activityTimeoutSeconds' | 'escalateAfterSeconds'>>;

/** Opens an advance and starts its disbursement (an ACH credit). */
export async function startDisbursement(client: Client, accountId: string, amountCents: number, overrides: Overrides = {}): Promise<TransferRow> {
  const { transfer } = await openAdvance(getPool(), { accountId, amountCents, evaluationId: null }, (id) => transferWorkflowId(id, 'disbursement', 1));
  await startTransferWorkflow(client, transfer, overrides);
  return transfer;
}

/** Adds a repayment (an ACH debit) to an advance and starts it. */
export async function startRepayment(client: Client, t: { advanceId: string; accountId: string }, amountCents: number, seq = 1, overrides: Overrides = {}): Promise<TransferRow> {
  const transfer = await insertTransfer(getPool(), {
    advanceId: t.advanceId,
    accountId: t.accountId,
    purpose: 'repayment',
    direction: 'debit',
    amountCents,
    seq,
    workflowId: transferWorkflowId(t.advanceId, 'repayment', seq),
  });
  await startTransferWorkflow(client, transfer, overrides);
  return transfer;
}

export const handleOf = (client: Client, t: TransferRow): WorkflowHandle<typeof transferWorkflow> => client.workflow.getHandle(t.workflowId);

/** Waits until the workflow's query answers a state that passes `ok`. */
export async function stateWhere(client: Client, t: TransferRow, what: string, ok: (s: TransferState) => boolean, timeoutMs = 30_000): Promise<TransferState> {
  return eventually(
    `${t.workflowId}: ${what}`,
    async () => {
      const s = await handleOf(client, t).query(transferStateQuery);
      return ok(s) ? s : undefined;
    },
    timeoutMs,
    100,
  );
}

/** Plaid's transfer id of an attempt, once /transfer/create has been stored. */
export async function plaidTransferIdOf(transferId: string, attempt = 1, timeoutMs = 30_000): Promise<string> {
  return eventually(
    `attempt ${attempt} of ${transferId} at Plaid`,
    async () => {
      const { rows } = await getPool().query('SELECT plaid_transfer_id FROM transfers.attempts WHERE transfer_id = $1 AND attempt = $2', [transferId, attempt]);
      return rows[0]?.plaid_transfer_id ?? undefined;
    },
    timeoutMs,
    100,
  );
}

/**
 * Moves a transfer at Plaid's sandbox; the TRANSFER_EVENTS_UPDATE webhook goes to `webhookUrl`
 * (explicitly: other test files may point the sandbox's shared transfer webhook elsewhere).
 */
export async function simulate(sandbox: TestSandbox, plaidTransferId: string, event: 'posted' | 'settled' | 'funds_available' | 'failed' | 'returned', webhookUrl: string, failureCode?: string): Promise<void> {
  await sandbox.plaid.sandboxTransferSimulate({
    transfer_id: plaidTransferId,
    event_type: event,
    webhook: webhookUrl,
    ...(failureCode ? { failure_reason: { failure_code: failureCode } } : {}),
  });
}

export const webhookUrlOf = (api: TestApi) => `${api.url}/v1/webhooks/plaid`;

/** Σ of every ledger line (must be 0) and the postings that do not balance (must be none). */
export async function ledgerChecks(db: Pool): Promise<{ total: number; unbalanced: number }> {
  const total = Number((await db.query('SELECT coalesce(sum(amount_cents), 0) AS s FROM transfers.ledger_lines')).rows[0].s);
  const unbalanced = Number(
    (await db.query('SELECT count(*) AS n FROM (SELECT posting_id FROM transfers.ledger_lines GROUP BY posting_id HAVING sum(amount_cents) <> 0) x')).rows[0].n,
  );
  return { total, unbalanced };
}

/** The ledger lines of one transfer, as `event account amount` strings in posting order. */
export async function ledgerLinesOf(db: Pool, transferId: string): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT p.attempt, p.event, l.ledger_account, l.amount_cents FROM transfers.ledger_postings p JOIN transfers.ledger_lines l ON l.posting_id = p.id
     WHERE p.transfer_id = $1 ORDER BY p.id, l.id`,
    [transferId],
  );
  return rows.map((r) => `${r.attempt}:${r.event} ${String(r.ledger_account).replace(/:.*/, '')} ${r.amount_cents}`);
}

/** Every Plaid transfer and authorization the sandbox holds for an account's item. */
export async function plaidSideOf(db: Pool, accountId: string): Promise<{ transfers: { id: string; amount: string; description: string; status: string }[]; authorizations: number }> {
  const item = (await db.query(`SELECT plaid_item_id FROM bank.items WHERE account_id = $1`, [accountId])).rows[0];
  const transfers = await db.query(
    // Creation order: the sandbox clock may give two transfers the same instant, but each one's
    // first event id is sequential.
    `SELECT transfer_id AS id, amount_cents, description, status FROM plaid_sandbox.transfers t WHERE item_id = $1
     ORDER BY created_at, (SELECT min(event_id) FROM plaid_sandbox.transfer_events e WHERE e.transfer_id = t.transfer_id)`,
    [item.plaid_item_id],
  );
  const auths = await db.query(`SELECT count(*) AS n FROM plaid_sandbox.transfer_authorizations WHERE item_id = $1`, [item.plaid_item_id]);
  return {
    transfers: transfers.rows.map((r) => ({ id: r.id, amount: (Number(r.amount_cents) / 100).toFixed(2), description: r.description, status: r.status })),
    authorizations: Number(auths.rows[0].n),
  };
}

/** A linked customer whose advance of `cents` went out and settled (the disbursement's workflow has ended). */
export async function customerWithSettledAdvance(sys: { api: TestApi; sandbox: TestSandbox; temporal: { client: Client } }, cents = 3000) {
  const hook = webhookUrlOf(sys.api);
  const c = await linkedCustomer(sys.api);
  const disbursement = await startDisbursement(sys.temporal.client, c.accountId, cents);
  const pid = await plaidTransferIdOf(disbursement.id);
  await simulate(sys.sandbox, pid, 'posted', hook);
  await simulate(sys.sandbox, pid, 'settled', hook);
  await handleOf(sys.temporal.client, disbursement).result();
  return { ...c, disbursement };
}

/** Such a customer whose repayment was presented and came back with `code`: the transfer waits for support. */
export async function customerWithReturnedRepayment(sys: { api: TestApi; sandbox: TestSandbox; temporal: { client: Client } }, code: string, cents = 3000, overrides: Overrides = {}) {
  const hook = webhookUrlOf(sys.api);
  const c = await customerWithSettledAdvance(sys, cents);
  const repayment = await startRepayment(sys.temporal.client, c.disbursement, cents, 1, overrides);
  const pid = await plaidTransferIdOf(repayment.id);
  await simulate(sys.sandbox, pid, 'posted', hook);
  await simulate(sys.sandbox, pid, 'returned', hook, code);
  await stateWhere(sys.temporal.client, repayment, 'needs attention', (s) => s.status === 'needs_attention');
  return { ...c, repayment };
}
