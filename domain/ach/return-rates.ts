/**
 * Nacha return-rate thresholds over a 60-day window of DEBIT entries: unauthorized 0.5%,
 * administrative 3%, overall 15%. Going above one triggers a Nacha inquiry, so operations
 * should see the rates long before. Comparisons are done in integers (count x 1000 vs entries x
 * per-mille) so a rate exactly at the threshold is never misjudged by a float.
 */
import { returnCodeClass } from './return-codes';

export interface RateCheck {
  returns: number;
  /** returns / debit entries (0 when there were no entries). For display only. */
  rate: number;
  /** The threshold as a fraction, e.g. 0.005. */
  threshold: number;
  /** Strictly above the threshold. */
  breached: boolean;
}

export interface ReturnRateReport {
  debitEntries: number;
  unauthorized: RateCheck;
  administrative: RateCheck;
  overall: RateCheck;
}

const THRESHOLD_PER_MILLE = { unauthorized: 5, administrative: 30, overall: 150 } as const;

/** `returnCodes`: the codes of the debit returns in the window, one per returned entry. */
export function returnRateReport(debitEntries: number, returnCodes: readonly string[]): ReturnRateReport {
  if (!Number.isSafeInteger(debitEntries) || debitEntries < 0) throw new RangeError(`debitEntries must be a non-negative integer, got ${debitEntries}`);
  let unauthorized = 0;
  let administrative = 0;
  for (const code of returnCodes) {
    const c = returnCodeClass(code);
    if (c === 'unauthorized') unauthorized++;
    if (c === 'administrative') administrative++;
  }
  const check = (returns: number, perMille: number): RateCheck => ({
    returns,
    rate: debitEntries === 0 ? 0 : returns / debitEntries,
    threshold: perMille / 1000,
    breached: returns * 1000 > debitEntries * perMille,
  });
  return {
    debitEntries,
    unauthorized: check(unauthorized, THRESHOLD_PER_MILLE.unauthorized),
    administrative: check(administrative, THRESHOLD_PER_MILLE.administrative),
    overall: check(returnCodes.length, THRESHOLD_PER_MILLE.overall),
  };
}

/**
 * Our guard, before Nacha's: new repayment debits pause when the unauthorized return rate reaches
 * 0.4% (80% of Nacha's 0.5%), in per-ten-thousand so 0.4% is exact: returns x 10000 >= entries x 40.
 */
export const DEBIT_PAUSE_UNAUTHORIZED_PER_TEN_THOUSAND = 40;

export function reachesDebitPause(report: ReturnRateReport): boolean {
  return report.debitEntries > 0 && report.unauthorized.returns * 10_000 >= report.debitEntries * DEBIT_PAUSE_UNAUTHORIZED_PER_TEN_THOUSAND;
}
