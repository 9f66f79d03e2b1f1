/**
 * Response shapes of the advances and transfers routes (api/routes/transfers.ts), for
 * /openapi.json and the generated web client. They mirror what the handlers build from
 * activities/transfers/transfers-store.ts and the transfer workflow's state query.
 */
import { z } from 'zod';
import { text } from '../platform/text-field';
import { advanceState } from './schemas';

const cents = z.number().int();
const isoTime = z.string().describe('ISO 8601 time');
const purpose = z.enum(['disbursement', 'repayment']);
const direction = z.enum(['credit', 'debit']).describe('credit = money to the customer');

export const customerAdvances = z.object({
  outstandingCents: cents.describe('What the customer owes in all, from the ledger'),
  items: z.array(
    z.object({
      id: z.string(),
      principalCents: cents,
      outstandingCents: cents,
      status: z.enum(['disbursing', 'outstanding', 'repaid', 'failed', 'cancelled', 'returned']),
      state: advanceState,
      createdAt: isoTime,
      closedAt: isoTime.nullable(),
      transfers: z.array(
        z.object({ id: z.string(), purpose, direction, amountCents: cents, status: z.string(), returnCode: z.string().nullable(), updatedAt: isoTime }),
      ),
    }),
  ),
});

export const transfer = z.object({
  id: z.string(),
  advanceId: z.string(),
  accountId: z.string(),
  purpose,
  direction,
  amountCents: cents,
  workflowId: z.string(),
  seq: z.number().int().describe('n-th transfer of this purpose for the advance'),
  status: z.string().describe('e.g. authorizing, pending, posted, settled, completed, needs_attention, retrying, cancelling, cancelled'),
  returnCode: z.string().nullable(),
  failureReason: z.string().nullable(),
  escalatedAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const adminTransferList = z.object({ items: z.array(transfer.extend({ temporalUrl: z.string() })) });

const workflowState = z.object({
  status: z.enum(['authorizing', 'pending', 'posted', 'settled', 'completed', 'needs_attention', 'retrying', 'cancelling', 'cancelled']),
  attempt: z.number().int(),
  attempts: z.array(
    z.object({
      attempt: z.number().int(),
      plaidTransferId: z.string().nullable(),
      status: z.string(),
      returnCode: z.string().nullable(),
      failureReason: z.string().nullable(),
      settledOn: z.string().nullable(),
      postedOn: z.string().nullable(),
    }),
  ),
  returnCode: z.string().nullable(),
  failureReason: z.string().nullable(),
  escalated: z.boolean(),
  history: z.array(z.object({ at: isoTime, event: z.string(), detail: z.string().optional() })),
});

/** domain/ach/support-rule.ts: what support may do now, and why, in one sentence. */
export const supportRule = z
  .object({
    canRetry: z.boolean().describe('The Nacha rules allow a retry now'),
    canCancel: z.boolean(),
    sentence: z.string().describe('The rule that applies, in words a support agent acts on'),
  })
  .describe("The same verdict the workflow's retry Update applies");

export const transferDetail = transfer.extend({
  returnCodes: z.array(z.object({ attempt: z.number().int(), code: z.string(), reason: z.string().nullable() })),
  attempts: z.array(
    z.object({
      attempt: z.number().int(),
      idempotencyKey: z.string(),
      authorizationId: z.string().nullable(),
      decision: z.string().nullable(),
      decisionRationale: z.unknown().describe("Plaid's authorization rationale, as received"),
      plaidTransferId: z.string().nullable(),
      status: z.string(),
      returnCode: z.string().nullable(),
      failureReason: z.string().nullable(),
      settledOn: z.string().nullable(),
      postedOn: z.string().nullable(),
      returnMeaning: z.string().nullable().describe("The return code's meaning"),
      createdAt: isoTime,
      updatedAt: isoTime.describe('Last change of this attempt (its end, once it ended)'),
    }),
  ),
  events: z.array(
    z.object({ eventId: z.number().int(), plaidTransferId: z.string(), eventType: z.string(), timestamp: isoTime, failureCode: z.string().nullable(), failureReason: z.string().nullable() }),
  ),
  ledger: z.object({
    lines: z.array(z.object({ postingKey: z.string(), event: z.string(), attempt: z.number().int(), postedAt: isoTime, account: z.string(), amountCents: cents })),
    sumCents: cents.describe('Always 0: every posting balances'),
  }),
  ledgerSumCents: cents.describe('Always 0 (the same as ledger.sumCents)'),
  staffActions: z.array(
    z.object({ staffId: z.string(), action: z.enum(['retry', 'cancel']), outcome: z.enum(['accepted', 'refused']), detail: z.string().nullable(), note: z.string().nullable(), at: isoTime }),
  ),
  actions: z
    .array(
      z.object({
        action: z.enum(['retry', 'cancel']),
        actor: z.string().describe('staff:<id>, or system:<module> for an automatic action'),
        actorEmail: z.string().optional().describe("The staff member's email"),
        note: z.string().nullable().describe('Why, in the staff member\'s words (null for automatic actions)'),
        at: isoTime,
        outcome: z.enum(['accepted', 'refused']),
        detail: z.string().nullable().describe('The rule applied (a refusal says why)'),
      }),
    )
    .describe('Every retry or cancel asked for, oldest first: who, when, the note, the outcome'),
  rule: supportRule,
  workflow: workflowState.nullable().describe("The running workflow's state (null when it could not be queried)"),
  temporalUrl: z.string(),
});

export const queueItem = z.object({
  id: z.string(),
  accountId: z.string(),
  customerName: z.string().describe('First and last name (empty when the account is unknown)'),
  purpose,
  direction,
  amountCents: cents,
  returnCode: z.string().nullable(),
  returnMeaning: z.string().nullable().describe("The return code's meaning (domain/ach/return-codes.ts)"),
  waitingSince: isoTime.describe('When the transfer entered needs_attention'),
  escalated: z.boolean().describe('Nobody acted within TRANSFER_ESCALATE_AFTER_SECONDS'),
  rule: supportRule,
  temporalUrl: z.string(),
});

export const attentionQueue = z.object({ items: z.array(queueItem), nextCursor: z.string().nullable() });

/** Retry and cancel: the note is stored with the action (who, when, why). */
export const supportActionBody = z.strictObject({
  note: text({ max: 500, multiline: true }).describe('Why, for whoever reads the transfer later'),
});
