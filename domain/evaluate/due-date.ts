/**
 * When is an advance due? On the customer's first payday after we sent it.
 *
 * The payday is refreshed from what actually happened: an income deposit after the advance
 * means payday has come (even if earlier than the schedule said); otherwise the schedule the
 * deposits imply; otherwise the payday underwriting predicted; otherwise, with no payday at all
 * (irregular earners whose pattern is unknown), the first Friday a week after the advance, as
 * Dave does when it detects no payday.
 */
import { IsoDate, addDays, compareDates, dayOfWeek, minDate } from '../dates';
import { IncomeCadence, nextPayday } from '../payday';

export interface DueDateInput {
  /** The day the advance was sent. */
  disbursedOn: IsoDate;
  cadence: IncomeCadence;
  /** Deposit dates of the income stream (refreshed from new transactions). */
  depositDates: readonly IsoDate[];
  /** Underwriting's nextPayday, when known. */
  expectedPayday?: IsoDate | null;
  fallbackRepaymentDays: number;
}

export type DueDateSource = 'income_deposit' | 'schedule' | 'underwriting' | 'fallback';

export function repaymentDueDate(input: DueDateInput): { dueDate: IsoDate; source: DueDateSource } {
  const after = input.disbursedOn;
  const observed = [...input.depositDates].filter((d) => compareDates(d, after) > 0).sort(compareDates)[0] ?? null;
  const projected = nextPayday({ cadence: input.cadence, depositDates: input.depositDates, after });
  const predicted = input.expectedPayday && compareDates(input.expectedPayday, after) > 0 ? input.expectedPayday : null;
  const planned = projected
    ? { dueDate: projected, source: 'schedule' as const }
    : predicted
      ? { dueDate: predicted, source: 'underwriting' as const }
      : { dueDate: firstFridayOnOrAfter(addDays(after, input.fallbackRepaymentDays)), source: 'fallback' as const };
  if (observed && compareDates(observed, planned.dueDate) <= 0) return { dueDate: minDate(observed, planned.dueDate), source: 'income_deposit' };
  return planned;
}

function firstFridayOnOrAfter(date: IsoDate): IsoDate {
  return addDays(date, (5 - dayOfWeek(date) + 7) % 7);
}
