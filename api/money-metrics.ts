/**
 * Money-integrity gauges on the API's /metrics, read from the transfers module at scrape time:
 * - `timely_reconciliation_open_mismatches{kind}`: mismatches with Plaid the daily reconciliation
 *   found and no later run cleared (alert on > 0);
 * - `timely_ach_debit_return_rate{class}`: the latest daily 60-day debit return rate
 *   (unauthorized, administrative, overall) as a fraction; Nacha's thresholds are 0.005, 0.03, 0.15;
 * - `timely_repayment_debits_paused`: 1 while the return-rate guard's pause is in force.
 * A failing read leaves the last values (and is logged): a scrape never fails for it.
 */
import { Gauge, type Registry } from 'prom-client';
import { repaymentPause } from '../activities/transfers/debit-guard';
import { MISMATCH_KINDS, openMismatchCounts } from '../activities/transfers/reconciliation';
import { latestReturnRates } from '../activities/transfers/return-rate-guard';
import { getPool } from '../db/pool';
import { logger } from '../platform/logger';

const KINDS = MISMATCH_KINDS;
const CLASSES = ['unauthorized', 'administrative', 'overall'] as const;

export function registerMoneyMetrics(registry: Registry): void {
  new Gauge({
    name: 'timely_reconciliation_open_mismatches',
    help: 'Open mismatches between our transfers, events and ledger and Plaid, by kind (daily reconciliation).',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      try {
        const counts = await openMismatchCounts(getPool());
        for (const kind of KINDS) this.set({ kind }, counts[kind] ?? 0);
      } catch (err) {
        logger.warn({ err }, 'could not read reconciliation mismatches for metrics');
      }
    },
  });
  new Gauge({
    name: 'timely_ach_debit_return_rate',
    help: '60-day ACH debit return rate by Nacha class, as a fraction (latest daily computation).',
    labelNames: ['class'] as const,
    registers: [registry],
    async collect() {
      try {
        const latest = await latestReturnRates(getPool());
        for (const c of CLASSES) this.set({ class: c }, latest?.rates[c] ?? 0);
      } catch (err) {
        logger.warn({ err }, 'could not read return rates for metrics');
      }
    },
  });
  new Gauge({
    name: 'timely_repayment_debits_paused',
    help: '1 while new repayment debits are paused by the return-rate guard, else 0.',
    registers: [registry],
    async collect() {
      try {
        this.set((await repaymentPause(getPool())).paused ? 1 : 0);
      } catch (err) {
        logger.warn({ err }, 'could not read the repayment pause for metrics');
      }
    },
  });
}
