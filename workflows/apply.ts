/**
 * applyWorkflow: a customer's application, read top to bottom.
 * fetch account -> fetch consumer information (bank identity + consumer report) -> fetch bank
 * history (balances + transactions sync) -> underwrite (pure) -> record the decision -> update the
 * account's advance terms. What no retry can fix ends the run as `failed` with a reason the
 * customer can act on; everything else Temporal retries.
 */
import {
  ApplicationFailure,
  defineQuery,
  patched,
  proxyActivities,
  proxyLocalActivities,
  RetryPolicy,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { BankHistoryRef } from '../activities/underwriting/activities';
import { TimelyStatusKey } from '../platform/search-attributes';
import { activityFailureCause } from './activity-failure';

const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 };
const io = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });
// A full sync pages through Plaid and heartbeats per page: a dead worker is noticed in seconds.
const sync = proxyActivities<Activities>({ startToCloseTimeout: '5 minutes', heartbeatTimeout: '10 seconds', retry });
// Recording the outcome must not give up while the database is briefly away.
const bookkeeping = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });
// Underwriting is pure computation on data already in hand: a local activity skips a server round trip.
const compute = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } });
/**
 * The short steps (the account read, the bank's identity and the consumer report, recording the
 * decision) as local activities: each is a query or one bounded call, idempotent, and follows the
 * step before at once. As activity tasks each cost a round trip through the server's task queue
 * and a workflow task of its own; as local activities they run inside the workflow task, recorded
 * as markers (the UI shows each by name) with the same timeout, retry policy and result. A run is
 * then two workflow tasks and one activity task (the sync), where it was seven and six.
 * The sync stays an activity task: it pages through Plaid for as long as the history takes and
 * heartbeats, so a dead worker is noticed in seconds rather than by a long workflow task.
 * Measured in bench/RESULTS.md (issue 15).
 */
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });

export const APPLY_STEPS = ['fetch_account', 'fetch_consumer_information', 'fetch_bank_history', 'underwrite', 'record_decision', 'update_limit'] as const;
export type ApplyStep = (typeof APPLY_STEPS)[number];
export type ApplicationStatus = 'running' | 'approved' | 'declined' | 'failed';

export interface ApplyInput {
  applicationId: string;
  accountId: string;
  /**
   * Set by the API since issue 15 (ninth session): the short steps run as local activities without
   * asking patched(). A patch is a marker and a search attribute update (TemporalChangeVersion) in
   * every run; runs started without the flag still ask it and replay as recorded.
   */
  localSteps?: boolean;
}

export interface ApplyProgress {
  status: ApplicationStatus;
  currentStep: ApplyStep | null;
  stepsDone: ApplyStep[];
}

export interface ApplyResult {
  status: Exclude<ApplicationStatus, 'running'>;
  limitCents: number;
  failure?: { code: string; reason: string };
}

export const applicationProgressQuery = defineQuery<ApplyProgress>('applicationProgress');

/** Failures that end the application with a reason the customer can act on (no retry fixes them). */
const CUSTOMER_ACTIONABLE: Record<string, string> = {
  NO_LINKED_BANK: 'Link your bank account, then apply again.',
  BANK_LOGIN_REQUIRED: 'Your bank needs you to sign in again: re-link your bank, then apply again.',
  BANK_TOKEN_INVALID: 'Your bank connection is no longer valid: re-link your bank, then apply again.',
  ACCOUNT_NOT_ACTIVE: 'Your account is not active. Verify your phone number or contact support.',
};

function actionableFailure(err: unknown): { code: string; reason: string } | undefined {
  const cause = activityFailureCause(err);
  if (cause instanceof ApplicationFailure && cause.type && CUSTOMER_ACTIONABLE[cause.type]) {
    return { code: cause.type, reason: CUSTOMER_ACTIONABLE[cause.type] };
  }
  return undefined;
}

export async function applyWorkflow(input: ApplyInput): Promise<ApplyResult> {
  const progress: ApplyProgress = { status: 'running', currentStep: null, stepsDone: [] };
  setHandler(applicationProgressQuery, () => progress);

  async function step<T>(name: ApplyStep, run: () => Promise<T>): Promise<T> {
    progress.currentStep = name;
    const out = await run();
    progress.stepsDone.push(name);
    return out;
  }

  function finish(status: ApplyResult['status']): void {
    progress.status = status;
    progress.currentStep = null;
    upsertSearchAttributes([{ key: TimelyStatusKey, value: status }]);
  }

  // Runs recorded before the short steps went local replay with their activity tasks, and with the
  // patches of their own time; a run started without the input's flag asks for this one patch only.
  const localSteps = input.localSteps || patched('apply-short-steps-as-local-activities');
  const short = localSteps ? local : io;
  try {
    const account = await step('fetch_account', () => short.getAccountForApplication(input.accountId));
    const [owners, consumerReport] = await step('fetch_consumer_information', () =>
      Promise.all([short.fetchBankOwners(input.accountId), short.fetchConsumerReport(account)]),
    );
    // The 90-day history goes by reference: stored once in the bank module, its id in the payloads
    // (runs that already synced before this change replay with the history inline).
    const bank: BankHistoryRef = localSteps || patched('bank-history-by-reference')
      ? { historyId: (await step('fetch_bank_history', () => sync.syncBankHistorySnapshot({ accountId: input.accountId, snapshotKey: `apply:${input.applicationId}` }))).historyId }
      : { history: await step('fetch_bank_history', () => sync.syncBankHistory(input.accountId)) };
    const decision = await step('underwrite', () => compute.underwrite({ account, owners, consumerReport, ...bank }));
    await step('record_decision', () => short.recordDecision({ applicationId: input.applicationId, accountId: input.accountId, decision, inputs: { owners, consumerReport, ...bank } }));
    // recordDecision writes the account's terms in the decision's own transaction, so the limit is
    // set once the decision is: no activity (and no server round trip) is left for this step. Runs
    // recorded before then replay their separate `setAdvanceTerms`, which finds the terms written.
    if (localSteps || patched('terms-written-with-decision')) progress.stepsDone.push('update_limit');
    else
      await step('update_limit', () =>
        io.setAdvanceTerms({
          accountId: input.accountId,
          applicationId: input.applicationId,
          approved: decision.approved,
          limitCents: decision.limitCents,
          nextPayday: decision.nextPayday,
          incomeCadence: decision.income.cadence,
          modelVersion: decision.modelVersion,
        }),
      );
    const status = decision.approved ? 'approved' : 'declined';
    finish(status);
    return { status, limitCents: decision.limitCents };
  } catch (err) {
    const failure = actionableFailure(err);
    const recorded = failure ?? { code: 'INTERNAL_ERROR', reason: 'We could not complete your application. Please try again later.' };
    await bookkeeping.markApplicationFailed({ applicationId: input.applicationId, ...recorded, step: progress.currentStep });
    finish('failed');
    // A bug or an exhausted retry also fails the run itself, so operators see it in the UI.
    if (!failure) throw err;
    return { status: 'failed', limitCents: 0, failure };
  }
}

/**
 * Business key `apply-<accountId>-<seq>`: operators find an application by account in the UI; a
 * repeat lands on the same run. The seq is the account's next, taken where the application is
 * stored (activities/underwriting/applications-store.ts), so this is the id without it.
 */
export const applyWorkflowIdPrefix = (accountId: string) => `apply-${accountId}-`;