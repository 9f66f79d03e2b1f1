/**
 * One row per (workflow, run) in evaluate.evaluations, and which attempt it keeps: a sweep's batch
 * that is retried keeps its first record; an evaluation workflow's run, whose record is a local
 * activity that runs again (after re-gathering and re-deciding) when its worker dies before the
 * workflow task completes, keeps its last, the decision its history holds.
 */
import { randomUUID } from 'node:crypto';
import { closePool, getPool } from '../../db/pool';
import { EvaluationRecord, recordEvaluation, recordEvaluations } from './store';

afterAll(() => closePool());

const record = (run: string, action: EvaluationRecord['action'], reasonCode: string): EvaluationRecord => ({
  accountId: '00000000-0000-4000-8000-000000000001',
  workflowId: 'evaluate-store-test',
  runId: run,
  trigger: 'staff',
  action,
  amountCents: action === 'advance' ? 3000 : null,
  reasonCode,
  message: reasonCode,
  ruleVersion: 'test',
  inputs: { reasonCode },
  transferWorkflowId: action === 'advance' ? 'transfer-x' : null,
});

const rowsOf = async (run: string) =>
  (await getPool().query('SELECT action, reason_code, amount_cents, inputs, transfer_workflow_id FROM evaluate.evaluations WHERE workflow_id = $1 AND run_id = $2', ['evaluate-store-test', run])).rows;

it("keeps a workflow run's last attempt: the decision its history holds", async () => {
  const run = randomUUID();
  await recordEvaluation(getPool(), record(run, 'none', 'BALANCE_ABOVE_THRESHOLD'));
  await recordEvaluation(getPool(), record(run, 'advance', 'BALANCE_BELOW_THRESHOLD'));
  expect(await rowsOf(run)).toEqual([{ action: 'advance', reason_code: 'BALANCE_BELOW_THRESHOLD', amount_cents: '3000', inputs: { reasonCode: 'BALANCE_BELOW_THRESHOLD' }, transfer_workflow_id: 'transfer-x' }]);
});

it("keeps a retried batch's first record", async () => {
  const run = randomUUID();
  await recordEvaluations(getPool(), [record(run, 'none', 'BALANCE_ABOVE_THRESHOLD')]);
  await recordEvaluations(getPool(), [record(run, 'none', 'REPAYMENT_NOT_DUE')]);
  expect(await rowsOf(run)).toEqual([{ action: 'none', reason_code: 'BALANCE_ABOVE_THRESHOLD', amount_cents: null, inputs: { reasonCode: 'BALANCE_ABOVE_THRESHOLD' }, transfer_workflow_id: null }]);
});
