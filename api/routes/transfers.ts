/**
 * Advances for customers; transfers for support staff, who retry or cancel failed ones through
 * the transfer workflow's Updates (validated by the workflow: the API learns at once whether the
 * rules allow it).
 */
import { Router } from 'express';
import { z } from 'zod';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  attemptsOf,
  closeEndedCase,
  eventsOfTransfer,
  getTransfer,
  ledgerOf,
  listTransfers,
  recordStaffAction,
  staffActionsOf,
  TransferRow,
} from '../../activities/transfers/transfers-store';
import { staffEmails } from '../../activities/accounts/staff';
import { customerAdvances } from '../../activities/transfers/customer-advances';
import { debitRefusal } from '../../activities/transfers/debit-guard';
import { getPool } from '../../db/pool';
import { describeReturnCode } from '../../domain/ach/return-codes';
import { businessToday } from '../../platform/business-clock';
import { config } from '../../platform/config';
import { DomainError } from '../../platform/errors';
import { logger } from '../../platform/logger';
import { temporalUiLink } from '../../platform/temporal';
import { getTemporalClient } from '../../platform/temporal-client';
import { cancelTransferUpdate, retryTransferUpdate, TransferState, transferStateQuery } from '../../workflows/transfer';
import { advanceWordsOf } from '../customer-advance-view';
import { requireCustomer, requireStaff, subject } from '../auth';
import { defineRoute } from '../openapi-registry';
import { notFound } from '../problem';
import * as s from '../schemas';
import { ruleOf } from '../support-rule-view';
import * as shapes from '../transfer-schemas';

/** Why a late return's case cannot be retried: its transfer workflow has ended (cancel closes it). */
function endedCaseRetryRefusal(t: TransferRow): string {
  return t.purpose === 'repayment'
    ? 'This repayment came back after its workflow had ended, so it cannot be presented again from here. The amount is owed again: the next evaluation presents a new repayment when the rules allow (no debit stop, no pause, new income). Cancel closes this case.'
    : 'This advance came back after its workflow had ended, so it cannot be sent again from here; the customer must link an account that can receive it. Cancel closes this case.';
}

/** A retried repayment is a new debit: not while the account's debits are stopped or new repayment debits are paused. */
async function debitRetryRefusal(t: TransferRow): Promise<string | null> {
  if (t.direction !== 'debit') return null;
  const refusal = await debitRefusal(getPool(), t.accountId);
  return refusal ? `A retry would take a new debit, and ${refusal}.` : null;
}

/** Whether the transfer's own workflow still runs (a late return's case outlives it). */
async function workflowRunning(t: TransferRow): Promise<boolean> {
  return getTemporalClient()
    .workflow.getHandle(t.workflowId)
    .describe()
    .then((d) => d.status.name === 'RUNNING')
    // Only a workflow Temporal no longer has counts as ended; an unreachable server claims nothing.
    .catch((err) => !(err instanceof WorkflowNotFoundError));
}

async function liveState(t: TransferRow): Promise<TransferState | null> {
  return getTemporalClient()
    .workflow.getHandle(t.workflowId)
    .query(transferStateQuery)
    .catch((err) => {
      logger.warn({ err, workflowId: t.workflowId }, 'transfer state query failed; answering from the database');
      return null;
    });
}

/**
 * The console's rule for this transfer: Nacha's (ruleOf), unless the API refuses a retry before
 * asking the workflow, so the Retry button is never offered for an action that is always refused.
 */
async function pageRule(t: TransferRow, attempts: Parameters<typeof ruleOf>[1], today: string) {
  const rule = ruleOf(t, attempts, today);
  if (!rule.canRetry) return rule;
  const blocked = (await debitRetryRefusal(t)) ?? (t.status === 'needs_attention' && !(await workflowRunning(t)) ? endedCaseRetryRefusal(t) : null);
  return blocked ? { ...rule, canRetry: false, sentence: blocked } : rule;
}

/** Everything support needs to see why a transfer is where it is. */
async function transferDetail(t: TransferRow, knownState?: TransferState) {
  const pool = getPool();
  const [attempts, events, ledger, staffActions, state, today] = await Promise.all([
    attemptsOf(pool, t.id),
    eventsOfTransfer(pool, t.id),
    ledgerOf(pool, t.id),
    staffActionsOf(pool, t.id),
    knownState ?? liveState(t),
    businessToday(),
  ]);
  // Who acted: the accounts module knows staff emails; the transfers module only their ids.
  const emails = await staffEmails(pool, [...new Set(staffActions.map((a) => a.staffId))]);
  const sumCents = ledger.reduce((sum, l) => sum + l.amountCents, 0);
  return {
    ...t,
    returnCodes: attempts.filter((a) => a.returnCode).map((a) => ({ attempt: a.attempt, code: a.returnCode, reason: a.failureReason })),
    attempts: attempts.map((a) => ({ ...a, returnMeaning: a.returnCode ? describeReturnCode(a.returnCode) : null })),
    events,
    ledger: { lines: ledger, sumCents },
    ledgerSumCents: sumCents,
    staffActions,
    actions: staffActions.map((a) => ({
      action: a.action,
      // Staff ids are uuids; automatic actions name their module (system:evaluate).
      actor: a.staffId.startsWith('system:') ? a.staffId : `staff:${a.staffId}`,
      ...(emails.has(a.staffId) ? { actorEmail: emails.get(a.staffId) } : {}),
      note: a.note,
      at: a.at,
      outcome: a.outcome,
      detail: a.detail,
    })),
    rule: await pageRule(t, attempts, today),
    workflow: state,
    temporalUrl: temporalUiLink(config(), t.workflowId),
  };
}

/**
 * A support action is a workflow Update: the workflow's validator applies the rules (Nacha's for a
 * retry) before accepting, so the answer is at once the new state or the rule that forbids it.
 * Refusals are recorded here; accepted actions by the workflow (keyed by the Update's id).
 */
async function supportAction(action: 'retry' | 'cancel', transferId: string, staffId: string, note: string) {
  const t = await getTransfer(getPool(), transferId);
  if (!t) throw notFound('No transfer with this id.');
  const handle = getTemporalClient().workflow.getHandle(t.workflowId);
  const refuse = async (rule: string) => {
    await recordStaffAction(getPool(), { transferId, staffId, action, outcome: 'refused', detail: rule, note });
    return new DomainError('conflict', `${action}-refused`, rule, undefined, { rule });
  };
  // A retried repayment is a new debit: not while the account's debits are stopped or new repayment debits are paused.
  if (action === 'retry') {
    const refusal = await debitRetryRefusal(t);
    if (refusal) throw await refuse(refusal);
  }
  let state: TransferState;
  try {
    state = await handle.executeUpdate(action === 'retry' ? retryTransferUpdate : cancelTransferUpdate, { args: [{ staffId, note, today: await businessToday() }] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw await refuse(err.cause?.message ?? err.message);
    if (err instanceof WorkflowNotFoundError) {
      // A late return's case: the return workflow booked it after the transfer's workflow had ended.
      if (t.status === 'needs_attention') {
        if (action === 'cancel') {
          if (!(await closeEndedCase(getPool(), { transferId, staffId, note })))
            throw await refuse(`This transfer is no longer waiting for support (it is ${(await getTransfer(getPool(), transferId))!.status}); nothing was changed.`);
          return transferDetail((await getTransfer(getPool(), transferId))!);
        }
        throw await refuse(endedCaseRetryRefusal(t));
      }
      throw await refuse(`This transfer's workflow is no longer running (the transfer is ${t.status}); nothing can be changed.`);
    }
    throw err;
  }
  return transferDetail((await getTransfer(getPool(), transferId))!, state);
}

export function transferRoutes(router: Router): void {
  defineRoute(
    router,
    { method: 'get', path: '/v1/advances', summary: "The caller's advances with their transfers and statuses", tag: 'Advances', auth: 'customer', responses: { 200: { description: 'OK', schema: shapes.customerAdvances } } },
    [requireCustomer],
    async (_i, _req, res) => {
      const { outstandingCents: total, advances } = await customerAdvances(getPool(), subject(res).subjectId);
      res.json({
        // What the customer owes, derived from the ledger.
        outstandingCents: total,
        items: advances.map((a) => ({
          id: a.id,
          principalCents: a.principalCents,
          outstandingCents: a.outstandingCents,
          status: a.status,
          state: advanceWordsOf({ status: a.status, outstandingCents: a.outstandingCents }, a.transfers),
          createdAt: a.createdAt,
          closedAt: a.closedAt,
          transfers: a.transfers,
        })),
      });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/transfers',
      summary: 'Transfers, most recently changed first, filterable by status (e.g. needs_attention)',
      tag: 'Staff',
      auth: 'staff',
      query: z.strictObject({ status: s.text({ max: 40 }).optional(), accountId: s.uuid.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      responses: { 200: { description: 'OK', schema: shapes.adminTransferList } },
    },
    [requireStaff()],
    async ({ query }, _req, res) => {
      const items = await listTransfers(getPool(), query);
      res.json({ items: items.map((t) => ({ ...t, temporalUrl: temporalUiLink(config(), t.workflowId) })) });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/transfers/:id',
      summary: 'One transfer: attempts, Plaid events, return codes, ledger lines and their sum, staff actions with notes, the rule that applies, live workflow state',
      tag: 'Staff',
      auth: 'staff',
      params: z.object({ id: s.uuid }),
      responses: { 200: { description: 'OK', schema: shapes.transferDetail }, 404: { description: 'No such transfer' } },
    },
    [requireStaff()],
    async ({ params }, _req, res) => {
      const t = await getTransfer(getPool(), params.id);
      if (!t) throw notFound('No transfer with this id.');
      res.json(await transferDetail(t));
    },
  );

  for (const action of ['retry', 'cancel'] as const) {
    defineRoute(
      router,
      {
        method: 'post',
        path: `/v1/admin/transfers/:id/${action}`,
        summary:
          action === 'retry'
            ? "Present a failed transfer again, where Nacha rules allow (a repayment not while the account's debits are stopped or new repayment debits are paused)"
            : 'Cancel a pending or failed transfer; a case left by a late return (its workflow has ended) is closed and leaves the queue',
        tag: 'Staff',
        auth: 'staff',
        params: z.object({ id: s.uuid }),
        body: shapes.supportActionBody,
        responses: {
          200: { description: 'Accepted: the transfer with its new state', schema: shapes.transferDetail },
          400: { description: 'Problem `validation-error` on `note` (required, 1 to 500 characters): nothing is done' },
          409: {
            description:
              "Refused (problem `retry-refused` / `cancel-refused`), with the rule that forbids it in words: Nacha's limits, the account's debits stopped or repayment debits paused, a late return's case that cannot be presented again from here",
          },
        },
      },
      [requireStaff()],
      async ({ params, body }, _req, res) => {
        res.json(await supportAction(action, params.id, subject(res).subjectId, body.note));
      },
    );
  }
}
