/**
 * Starting a transfer's workflow: by its business id, so a repeated start lands on the same run
 * and a finished transfer is never run again.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { config } from '../../platform/config';
import { eagerStart } from '../../platform/temporal-client';
import { AccountIdKey, TimelyStatusKey } from '../../platform/search-attributes';
import { transferWorkflow, type TransferInput } from '../../workflows/transfer';
import type { TransferRow } from './transfers-store';

export const TRANSFER_TIMING = {
  /** A transfer left in needs_attention is escalated after this long (TRANSFER_ESCALATE_AFTER_SECONDS). */
  escalateAfterSeconds: () => config().TRANSFER_ESCALATE_AFTER_SECONDS,
  pollIntervalSeconds: () => config().TRANSFER_POLL_INTERVAL_SECONDS,
};

/**
 * Starts the transfer's workflow, or finds it running (USE_EXISTING). A finished transfer is never
 * run again (REJECT_DUPLICATE), and asking again is not an error for the caller (a retried activity).
 */
export async function startTransferWorkflow(
  client: Client,
  t: TransferRow,
  overrides: Partial<Pick<TransferInput, 'activityTimeoutSeconds' | 'escalateAfterSeconds'>> = {},
): Promise<void> {
  try {
    await client.workflow.start(transferWorkflow, {
      ...eagerStart(client),
      taskQueue: config().TEMPORAL_TASK_QUEUE,
      workflowId: t.workflowId,
      args: [
        {
          transferId: t.id,
          advanceId: t.advanceId,
          accountId: t.accountId,
          purpose: t.purpose,
          direction: t.direction,
          amountCents: t.amountCents,
          escalateAfterSeconds: TRANSFER_TIMING.escalateAfterSeconds(),
          pollIntervalSeconds: TRANSFER_TIMING.pollIntervalSeconds(),
          localStartSteps: true,
          ...overrides,
        },
      ],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: AccountIdKey, value: t.accountId },
        { key: TimelyStatusKey, value: 'authorizing' },
      ],
      staticSummary: `${t.purpose === 'disbursement' ? 'Advance' : 'Repayment'} of ${(t.amountCents / 100).toFixed(2)} USD (${t.direction})`,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    throw err;
  }
}
