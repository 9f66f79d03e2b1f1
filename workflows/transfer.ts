/**
 * transferWorkflow: one ACH transfer (an advance going out, or a repayment coming back), read top
 * to bottom. authorize -> create (idempotency key from the transfer, its purpose and the support
 * attempt) -> follow Plaid's transfer events -> success: record and finish; failed or returned:
 * record the code, wait for support to retry (where Nacha allows) or cancel.
 *
 * Events reach us through /transfer/event/sync (webhook-triggered and periodic) and are stored
 * once; a signal only says "new events are stored", and the workflow reads them itself. A missed
 * signal therefore costs at most one poll interval, never a transfer.
 */
import {
  condition,
  currentUpdateInfo,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { retryDecision, RetryDecision } from '../domain/ach/returns';
import { TimelyStatusKey } from '../platform/search-attributes';

const io = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export type Purpose = 'disbursement' | 'repayment';
export type Direction = 'credit' | 'debit';
export type TransferStatus =
  | 'authorizing'
  | 'pending'
  | 'posted'
  | 'settled'
  | 'completed'
  | 'needs_attention'
  | 'retrying'
  | 'cancelling'
  | 'cancelled';

export interface TransferInput {
  transferId: string;
  advanceId: string;
  accountId: string;
  purpose: Purpose;
  direction: Direction;
  amountCents: number;
  /** The customer's name as Plaid Transfer's authorization needs it. */
  legalName: string;
  /** How long a failed transfer may wait for support before it is escalated. */
  escalateAfterSeconds: number;
  /** Fallback re-read of stored events when no signal arrives. */
  pollIntervalSeconds: number;
}

export interface AttemptView {
  attempt: number;
  plaidTransferId: string | null;
  status: string;
  returnCode: string | null;
  failureReason: string | null;
  settledOn: string | null;
  postedOn: string | null;
}

export interface TransferState {
  status: TransferStatus;
  attempt: number;
  attempts: AttemptView[];
  returnCode: string | null;
  failureReason: string | null;
  escalated: boolean;
  history: { at: string; event: string; detail?: string }[];
}

export interface SupportAction {
  staffId: string;
}

export const transferStateQuery = defineQuery<TransferState>('transferState');
export const transferEventsStoredSignal = defineSignal('transferEventsStored');
export const retryTransferUpdate = defineUpdate<TransferState, [SupportAction]>('retryTransfer');
export const cancelTransferUpdate = defineUpdate<TransferState, [SupportAction]>('cancelTransfer');

/** Plaid's key limit is 50 characters: <uuid>:<purpose>:<attempt> stays within it. */
export const transferIdempotencyKey = (transferId: string, purpose: Purpose, attempt: number) =>
  `${transferId}:${purpose === 'disbursement' ? 'adv' : 'rep'}:${attempt}`;

export const transferWorkflowId = (advanceId: string, purpose: Purpose, seq: number) =>
  `transfer-${advanceId}-${purpose}${seq > 1 ? `-${seq}` : ''}`;

export async function transferWorkflow(input: TransferInput): Promise<TransferState> {
  const state: TransferState = { status: 'authorizing', attempt: 1, attempts: [], returnCode: null, failureReason: null, escalated: false, history: [] };
  let eventsStored = false;
  let supportChoice: 'retry' | 'cancel' | null = null;
  let cancelRequested = false;

  const note = (event: string, detail?: string) => state.history.push({ at: new Date().toISOString(), event, detail });
  const setStatus = (status: TransferStatus) => {
    state.status = status;
    upsertSearchAttributes([{ key: TimelyStatusKey, value: state.escalated && status === 'needs_attention' ? 'escalated' : status }]);
  };
  const current = () => state.attempts[state.attempts.length - 1];
  let nextDescription: string | null = null;

  /**
   * Nacha's rules (domain/ach/returns.ts) applied to this transfer's attempts. The first presentment
   * is the first attempt that reached the network; dates come from Plaid's events.
   * (Workflow time: `new Date()` is deterministic inside a Temporal workflow.)
   */
  function supportRetryVerdict(): RetryDecision {
    const last = current();
    const returned = state.attempts.filter((a) => a.status === 'returned');
    const original = returned[0];
    return retryDecision({
      direction: input.direction,
      outcome: last?.status === 'returned' ? 'returned' : 'failed',
      returnCode: state.returnCode,
      priorRepresentments: Math.max(0, returned.length - 1),
      originalSettlementDate: original ? (original.settledOn ?? original.postedOn) : null,
      priorFailedRetries: state.attempts.filter((a) => a.status === 'failed' || a.status === 'declined').length - (last?.status === 'returned' ? 0 : 1),
      today: new Date().toISOString().slice(0, 10),
    });
  }

  setHandler(transferStateQuery, () => state);
  setHandler(transferEventsStoredSignal, () => {
    eventsStored = true;
  });
  setHandler(
    retryTransferUpdate,
    async ({ staffId }) => {
      setStatus('retrying'); // synchronously: a second click is refused by the validator
      const verdict = supportRetryVerdict();
      nextDescription = verdict.allowed ? verdict.companyEntryDescription : null;
      supportChoice = 'retry';
      await io.recordStaffAction({ transferId: input.transferId, staffId, action: 'retry', actionKey: currentUpdateInfo()!.id });
      note('support.retry', staffId);
      return state;
    },
    {
      validator: ({ staffId }) => {
        if (!staffId) throw new Error('staffId is required');
        if (state.status !== 'needs_attention') throw new Error(`Only a transfer that needs attention can be retried; this one is ${state.status}.`);
        const verdict = supportRetryVerdict();
        if (!verdict.allowed) throw new Error(verdict.rule);
      },
    },
  );
  setHandler(
    cancelTransferUpdate,
    async ({ staffId }) => {
      await io.recordStaffAction({ transferId: input.transferId, staffId, action: 'cancel', actionKey: currentUpdateInfo()!.id });
      note('support.cancel', staffId);
      if (state.status === 'needs_attention') supportChoice = 'cancel';
      else {
        cancelRequested = true;
        setStatus('cancelling');
      }
      return state;
    },
    {
      validator: ({ staffId }) => {
        if (!staffId) throw new Error('staffId is required');
        const pendingAtPlaid = state.status === 'pending' && current()?.plaidTransferId;
        if (state.status !== 'needs_attention' && !pendingAtPlaid)
          throw new Error(`Only a pending transfer or one that needs attention can be cancelled; this one is ${state.status}.`);
      },
    },
  );

  /** Reads stored events until the attempt ends; returns how it ended. */
  async function follow(plaidTransferId: string): Promise<'succeeded' | 'failed' | 'returned' | 'cancelled'> {
    let afterEventId = 0;
    for (;;) {
      if (cancelRequested) {
        cancelRequested = false;
        const r = await io.cancelPlaidTransfer({ accountId: input.accountId, plaidTransferId });
        note('plaid.cancel', r.cancelled ? 'cancelled' : (r.reason ?? 'not cancellable'));
        if (!r.cancelled) setStatus('pending');
      }
      eventsStored = false;
      const events = await io.readTransferEvents({ plaidTransferId, afterEventId });
      for (const e of events) {
        afterEventId = e.eventId;
        note(`plaid.${e.eventType}`, e.failureCode ?? undefined);
        const outcome = await io.recordTransferEvent({ transferId: input.transferId, attempt: state.attempt, direction: input.direction, event: e });
        Object.assign(current(), outcome.attempt);
        if (outcome.ended) return outcome.ended;
        if (e.eventType === 'posted' || e.eventType === 'settled') setStatus(e.eventType);
      }
      await condition(() => eventsStored || cancelRequested, `${input.pollIntervalSeconds} seconds`);
    }
  }

  for (;;) {
    setStatus('authorizing');
    const key = transferIdempotencyKey(input.transferId, input.purpose, state.attempt);
    const auth = await io.authorizePlaidTransfer({ transferId: input.transferId, attempt: state.attempt, idempotencyKey: key, accountId: input.accountId, direction: input.direction, amountCents: input.amountCents, legalName: input.legalName });
    state.attempts.push({ attempt: state.attempt, plaidTransferId: null, status: auth.decision === 'approved' ? 'authorized' : 'declined', returnCode: null, failureReason: auth.rationale, settledOn: null, postedOn: null });
    note('plaid.authorization', `${auth.decision}${auth.rationale ? `: ${auth.rationale}` : ''}`);

    let ended: 'succeeded' | 'failed' | 'returned' | 'cancelled' | 'declined';
    if (auth.decision !== 'approved') {
      ended = 'declined';
      await io.recordDeclinedAttempt({ transferId: input.transferId, attempt: state.attempt, rationale: auth.rationale });
    } else {
      const created = await io.createPlaidTransfer({ transferId: input.transferId, attempt: state.attempt, accountId: input.accountId, authorizationId: auth.authorizationId!, purpose: input.purpose, description: nextDescription });
      current().plaidTransferId = created.plaidTransferId;
      current().status = 'pending';
      setStatus('pending');
      ended = await follow(created.plaidTransferId);
    }

    if (ended === 'succeeded') {
      setStatus('completed');
      return state;
    }
    if (ended === 'cancelled') {
      await io.recordTransferCancelled({ transferId: input.transferId });
      setStatus('cancelled');
      return state;
    }
    state.returnCode = current().returnCode;
    state.failureReason = current().failureReason;
    setStatus('needs_attention');

    // Wait for support; escalate (once) if nobody acts in time, then keep waiting.
    supportChoice = null;
    if (!(await condition(() => supportChoice !== null, `${input.escalateAfterSeconds} seconds`))) {
      state.escalated = true;
      await io.escalateTransfer({ transferId: input.transferId, waitedSeconds: input.escalateAfterSeconds });
      note('escalated');
      setStatus('needs_attention');
      await condition(() => supportChoice !== null);
    }
    if (supportChoice === 'cancel') {
      await io.recordTransferCancelled({ transferId: input.transferId });
      setStatus('cancelled');
      return state;
    }
    state.attempt += 1;
    state.returnCode = null;
    state.failureReason = null;
  }
}
