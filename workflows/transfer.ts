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
  ActivityFailure,
  type ActivityOptions,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { retryDecision, RetryDecision } from '../domain/ach/returns';
import { AccountIdKey, TimelyStatusKey } from '../platform/search-attributes';
import { activityFailureCause, isActivityFailure } from './activity-failure';

/**
 * Activity policy. Every activity is idempotent (keys from the transfer and the attempt), so
 * Temporal may retry any of them without limit; what no retry can fix (a declined bank login,
 * an invalid request) fails non-retryably and lands with support. The start-to-close timeout
 * also bounds how long a transfer waits when its worker dies mid-activity.
 */
const ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;

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
  /**
   * Only in runs started before issue 13: the authorize activity now looks the customer's name up
   * itself, so the workflow carries no personal data.
   */
  legalName?: string;
  /** How long a failed transfer may wait for support before it is escalated. */
  escalateAfterSeconds: number;
  /** Fallback re-read of stored events when no signal arrives. */
  pollIntervalSeconds: number;
  /** Start-to-close timeout of each activity (default 30 s); tests shorten it to recover fast from a killed worker. */
  activityTimeoutSeconds?: number;
  /**
   * Set by startTransferWorkflow since issue 15 (eighth session): each attempt's start steps run as
   * local activities (see START_STEPS below). Runs started before carry no flag and replay with
   * their activity tasks. The flag rides in the input rather than behind patched(): a patch is a
   * marker and a search attribute update in every new run, the cost this removes.
   */
  localStartSteps?: boolean;
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
  /** Who acts: a staff id, or `system:<module>` for an automatic action. */
  staffId: string;
  /** Why, in the staff member's words (the API requires one; automatic actions have none). Stored with the action. */
  note?: string;
  /**
   * The business date ('YYYY-MM-DD') Nacha's windows are judged on, read by the caller from the one
   * business clock (platform/business-clock.ts) and carried in the Update, so the workflow never
   * mixes its own clock with Plaid's dates. Absent from callers before issue 14: workflow time.
   */
  today?: string;
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

type AttemptEnd = 'succeeded' | 'failed' | 'returned' | 'cancelled' | 'declined';

/** What a failed activity tells support: its type (e.g. BANK_LOGIN_REQUIRED) and message. */
function failureText(err: ActivityFailure | ApplicationFailure): string {
  // Both kinds are Errors, and so is an ActivityFailure's cause when it has one.
  const cause = activityFailureCause(err) as Error | undefined;
  if (cause instanceof ApplicationFailure) return `${cause.type ?? 'Error'}: ${cause.message}`;
  return cause?.message ?? err.message;
}

export async function transferWorkflow(input: TransferInput): Promise<TransferState> {
  const options: ActivityOptions = { ...ACTIVITY_OPTIONS, ...(input.activityTimeoutSeconds ? { startToCloseTimeout: input.activityTimeoutSeconds * 1000 } : {}) };
  const io = proxyActivities<Activities>(options);
  /**
   * START_STEPS: an attempt's start (authorize, create, and the read of events that follows) runs
   * inside one workflow task, as local activities recorded as markers with the same options and
   * results, instead of three activity tasks and three more workflow tasks. Each step is idempotent
   * (the attempt's Plaid idempotency key, conditional updates): a worker that dies mid-step leaves a
   * workflow task that times out, and the next worker replays and repeats the step, getting the same
   * authorization and the same transfer back (workflows/transfer-crash.test.ts).
   * Measured in bench/RESULTS.md (issue 15, eighth session): the sweep's hand-overs.
   */
  const start = input.localStartSteps ? proxyLocalActivities<Activities>(options) : io;

  const state: TransferState = { status: 'authorizing', attempt: 1, attempts: [], returnCode: null, failureReason: null, escalated: false, history: [] };
  let eventsStored = false;
  let supportChoice: 'retry' | 'cancel' | null = null;
  let cancelRequested = false;
  /** Nacha's company entry description for the next presentment (RETRY PYMT for a re-presentment). */
  let nextDescription: string | null = null;

  const note = (event: string, detail?: string) => state.history.push({ at: new Date().toISOString(), event, ...(detail ? { detail } : {}) });
  const setStatus = (status: TransferStatus) => {
    state.status = status;
    upsertSearchAttributes([
      { key: AccountIdKey, value: input.accountId },
      { key: TimelyStatusKey, value: state.escalated && status === 'needs_attention' ? 'escalated' : status },
    ]);
  };
  const current = () => state.attempts[state.attempts.length - 1];

  /**
   * Nacha's rules (domain/ach/returns.ts) applied to this transfer's attempts. The original entry
   * is the first attempt that came back returned; dates come from Plaid's events.
   * `today` comes with the Update (SupportAction.today); workflow time (deterministic in a
   * workflow) only for callers that do not send it.
   */
  function supportRetryVerdict(today: string | undefined): RetryDecision {
    const last = current();
    const returned = state.attempts.filter((a) => a.status === 'returned');
    const original = returned[0];
    const failedBefore = state.attempts.filter((a) => a !== last && (a.status === 'failed' || a.status === 'declined')).length;
    return retryDecision({
      direction: input.direction,
      outcome: last?.status === 'returned' ? 'returned' : 'failed',
      returnCode: state.returnCode,
      priorRepresentments: Math.max(0, returned.length - 1),
      originalSettlementDate: original ? (original.settledOn ?? original.postedOn) : null,
      priorFailedRetries: failedBefore,
      today: today ?? new Date().toISOString().slice(0, 10),
    });
  }

  setHandler(transferStateQuery, () => state);
  setHandler(transferEventsStoredSignal, () => {
    eventsStored = true;
  });
  setHandler(
    retryTransferUpdate,
    async ({ staffId, note: staffNote, today }) => {
      // Everything that decides happens before the first await: the next click's validator
      // already sees `retrying` and refuses, so two clicks make one new attempt.
      const verdict = supportRetryVerdict(today);
      nextDescription = verdict.allowed ? verdict.companyEntryDescription : null;
      supportChoice = 'retry';
      setStatus('retrying');
      note('support.retry', `${staffId}: ${verdict.rule}`);
      await io.recordStaffAction({ transferId: input.transferId, staffId, action: 'retry', actionKey: currentUpdateInfo()!.id, detail: verdict.rule, note: staffNote });
      return state;
    },
    {
      validator: ({ staffId, today }) => {
        if (!staffId) throw new Error('staffId is required');
        if (state.status !== 'needs_attention') throw new Error(`Only a transfer that needs attention can be retried; this one is ${state.status}.`);
        const verdict = supportRetryVerdict(today);
        if (!verdict.allowed) throw new Error(verdict.rule);
      },
    },
  );
  setHandler(
    cancelTransferUpdate,
    async ({ staffId, note: staffNote }) => {
      if (state.status === 'needs_attention') supportChoice = 'cancel';
      else cancelRequested = true;
      setStatus('cancelling');
      note('support.cancel', staffId);
      await io.recordStaffAction({ transferId: input.transferId, staffId, action: 'cancel', actionKey: currentUpdateInfo()!.id, note: staffNote });
      return state;
    },
    {
      validator: ({ staffId }) => {
        if (!staffId) throw new Error('staffId is required');
        const pendingAtPlaid = state.status === 'pending' && !!current()?.plaidTransferId;
        if (state.status !== 'needs_attention' && !pendingAtPlaid)
          throw new Error(`Only a pending transfer or one that needs attention can be cancelled; this one is ${state.status}.`);
      },
    },
  );

  /** Reads stored events until the attempt ends; returns how it ended. */
  async function follow(plaidTransferId: string): Promise<AttemptEnd> {
    let afterEventId = 0;
    let read = start; // the first read is a start step; later ones, woken by a signal or the poll, activity tasks
    for (;;) {
      if (cancelRequested) {
        cancelRequested = false;
        const r = await io.cancelPlaidTransfer({ accountId: input.accountId, plaidTransferId });
        note('plaid.cancel', r.cancelled ? 'cancelled' : (r.reason ?? 'not cancellable'));
        if (r.cancelled) {
          // We caused the event ourselves: fetch it now rather than wait for the webhook.
          await io.syncTransferEvents();
        } else setStatus(current().status === 'posted' || current().status === 'settled' ? (current().status as TransferStatus) : 'pending');
      }
      eventsStored = false;
      const events = await read.readTransferEvents({ plaidTransferId, afterEventId });
      read = io;
      for (const e of events) {
        afterEventId = e.eventId;
        note(`plaid.${e.eventType}`, e.failureCode ?? undefined);
        const outcome = await io.recordTransferEvent({ transferId: input.transferId, attempt: state.attempt, direction: input.direction, event: e });
        Object.assign(current(), outcome.attempt);
        if (outcome.ended) return outcome.ended;
        if ((e.eventType === 'posted' || e.eventType === 'settled') && state.status !== 'cancelling') setStatus(e.eventType);
      }
      await condition(() => eventsStored || cancelRequested, `${input.pollIntervalSeconds} seconds`);
    }
  }

  /** One presentment at Plaid: authorize, create, follow. */
  async function attemptOnce(): Promise<AttemptEnd> {
    // A run is started with its status search attribute already `authorizing` (startTransferWorkflow);
    // runs started before the flag upsert it again, as recorded.
    if (!(input.localStartSteps && state.attempt === 1)) setStatus('authorizing');
    const key = transferIdempotencyKey(input.transferId, input.purpose, state.attempt);
    state.attempts.push({ attempt: state.attempt, plaidTransferId: null, status: 'authorizing', returnCode: null, failureReason: null, settledOn: null, postedOn: null });
    const fail = async (status: 'declined' | 'failed', reason: string): Promise<AttemptEnd> => {
      Object.assign(current(), { status, failureReason: reason });
      await io.recordAttemptFailure({ transferId: input.transferId, attempt: state.attempt, idempotencyKey: key, status, reason });
      return status;
    };

    let auth;
    try {
      auth = await start.authorizePlaidTransfer({ transferId: input.transferId, attempt: state.attempt, idempotencyKey: key, accountId: input.accountId, direction: input.direction, amountCents: input.amountCents, legalName: input.legalName });
    } catch (err) {
      if (!isActivityFailure(err)) throw err;
      note('plaid.authorization', `error: ${failureText(err)}`);
      return fail('failed', `authorization failed: ${failureText(err)}`);
    }
    note('plaid.authorization', `${auth.decision}${auth.rationale ? `: ${auth.rationale}` : ''}`);
    if (auth.decision !== 'approved') return fail('declined', `authorization ${auth.decision}: ${auth.rationale ?? 'no reason given'}`);
    current().status = 'authorized';

    let created;
    try {
      created = await start.createPlaidTransfer({ transferId: input.transferId, attempt: state.attempt, accountId: input.accountId, authorizationId: auth.authorizationId!, purpose: input.purpose, description: nextDescription });
    } catch (err) {
      if (!isActivityFailure(err)) throw err;
      note('plaid.create', `error: ${failureText(err)}`);
      return fail('failed', `transfer creation failed: ${failureText(err)}`);
    }
    note('plaid.create', created.plaidTransferId);
    Object.assign(current(), { plaidTransferId: created.plaidTransferId, status: 'pending' });
    // A cancel accepted meanwhile is not overwritten; follow() carries it out.
    if (state.status === 'authorizing') setStatus('pending');
    return follow(created.plaidTransferId);
  }

  const finish = async (status: 'completed' | 'cancelled') => {
    if (status === 'cancelled') await io.recordTransferCancelled({ transferId: input.transferId });
    setStatus(status);
    note(status);
    await condition(allHandlersFinished);
    return state;
  };

  for (;;) {
    const ended = await attemptOnce();
    if (ended === 'succeeded') return finish('completed');
    if (ended === 'cancelled') return finish('cancelled');
    // Support asked to cancel while it was pending, and it failed before Plaid could cancel it: done.
    if (cancelRequested) return finish('cancelled');

    state.returnCode = current().returnCode;
    state.failureReason = current().failureReason;
    supportChoice = null;
    setStatus('needs_attention');

    // Wait for support; escalate (once per wait) if nobody acts in time, then keep waiting.
    if (!(await condition(() => supportChoice !== null, `${input.escalateAfterSeconds} seconds`))) {
      state.escalated = true;
      note('escalated', `no support action within ${input.escalateAfterSeconds} s`);
      if (state.status === 'needs_attention') setStatus('needs_attention');
      await io.escalateTransfer({ transferId: input.transferId, attempt: state.attempt, waitedSeconds: input.escalateAfterSeconds });
      await condition(() => supportChoice !== null);
    }
    if (supportChoice === 'cancel') return finish('cancelled');
    state.attempt += 1;
    state.returnCode = null;
    state.failureReason = null;
    state.escalated = false;
  }
}
