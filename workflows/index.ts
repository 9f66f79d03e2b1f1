/** Every workflow the worker registers. Plain named re-exports: the bundler follows them. */
export { workerCheckWorkflow } from './worker-check';
export { applyWorkflow } from './apply';
export { transferWorkflow } from './transfer';
export { transferEventSyncWorkflow } from './transfer-event-sync';
export { transferReturnWorkflow } from './transfer-return';
export { reconciliationWorkflow, returnRateGuardWorkflow } from './reconciliation';
export { benchNoopSweepWorkflow, benchNoopWorkflow } from './bench-noop';
export { evaluateAccountWorkflow } from './evaluate';
export { evaluateSweepWorkflow } from './evaluate-sweep';
