/**
 * Named points inside the transfer activities where a crash test can stop a worker process at an
 * exact step (e.g. after Plaid created the transfer, before we stored it) and SIGKILL it from
 * outside. Inert unless NODE_ENV=test AND TIMELY_TEST_PAUSE_AT names the point: the process then
 * logs the point and waits forever, as a worker frozen mid-activity, until the test kills it.
 */
import { logger } from '../../platform/logger';

export type CrashPoint =
  | 'advance:after-commit'
  | 'authorize:after-plaid'
  | 'create:before-plaid'
  | 'create:after-plaid'
  | 'create:after-commit'
  | `event:${string}:after-commit`
  | 'sync:after-commit'
  | 'return:after-commit'
  | 'reconcile:after-mismatches';

export async function crashPoint(point: CrashPoint, transferId: string): Promise<void> {
  if (process.env.NODE_ENV !== 'test') return;
  const wanted = process.env.TIMELY_TEST_PAUSE_AT?.split(',') ?? [];
  if (!wanted.includes(point)) return;
  logger.warn({ crashPoint: point, transferId }, 'crash point reached: pausing until killed');
  await new Promise<never>(() => undefined);
}
