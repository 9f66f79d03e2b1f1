/**
 * The return-rate guard, run once a day: the 60-day debit return rates (domain/ach/return-rates.ts)
 * are stored for the day, and when the unauthorized rate reaches 0.4% new repayment debits are
 * paused (recorded as a pause by system:return-rate-guard, at most once a day: an operator's lift
 * holds until the next day's computation).
 */
import type { Pool } from 'pg';
import { reachesDebitPause, returnRateReport, type ReturnRateReport } from '../../domain/ach/return-rates';
import { logger } from '../../platform/logger';
import { debitReturnsSince } from './dashboard-store';
import { changeRepaymentPause, repaymentPause } from './debit-guard';

/** Nacha counts return rates over 60 days. */
export const RETURN_RATE_WINDOW_DAYS = 60;

export async function guardReturnRates(pool: Pool, day: string): Promise<{ report: ReturnRateReport; paused: boolean; pausedNow: boolean }> {
  const returns = await debitReturnsSince(pool, RETURN_RATE_WINDOW_DAYS);
  const report = returnRateReport(returns.debitEntries, returns.returnCodes);
  await pool.query(
    `INSERT INTO transfers.return_rate_days (day, debit_entries, unauthorized, administrative, overall) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (day) DO UPDATE SET debit_entries = EXCLUDED.debit_entries, unauthorized = EXCLUDED.unauthorized, administrative = EXCLUDED.administrative, overall = EXCLUDED.overall, computed_at = now()`,
    [day, report.debitEntries, report.unauthorized.returns, report.administrative.returns, report.overall.returns],
  );
  let pausedNow = false;
  if (reachesDebitPause(report) && !(await repaymentPause(pool)).paused) {
    const pct = (report.unauthorized.rate * 100).toFixed(2);
    pausedNow = await changeRepaymentPause(pool, {
      action: 'pause',
      actor: 'system:return-rate-guard',
      reason: `the 60-day unauthorized return rate is ${pct}% (${report.unauthorized.returns} of ${report.debitEntries} debits), at or above 0.4%`,
      key: `auto-pause:${day}`,
    });
    if (pausedNow) logger.warn({ day, unauthorized: report.unauthorized }, 'repayment debits paused: unauthorized return rate at or above 0.4%');
  }
  return { report, paused: (await repaymentPause(pool)).paused, pausedNow };
}

/** The latest day's rates, for the metrics and the operator route. */
export async function latestReturnRates(pool: Pool) {
  const { rows } = await pool.query(`SELECT day::text AS day, debit_entries, unauthorized, administrative, overall, computed_at FROM transfers.return_rate_days ORDER BY day DESC LIMIT 1`);
  const r = rows[0];
  if (!r) return null;
  const rate = (n: number) => (r.debit_entries === 0 ? 0 : n / r.debit_entries);
  return {
    day: r.day as string,
    computedAt: r.computed_at.toISOString() as string,
    debitEntries: r.debit_entries as number,
    rates: { unauthorized: rate(r.unauthorized), administrative: rate(r.administrative), overall: rate(r.overall) },
    returns: { unauthorized: r.unauthorized as number, administrative: r.administrative as number, overall: r.overall as number },
  };
}
