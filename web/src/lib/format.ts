/**
 * How money and dates read on screen. Money goes through the same integer-cents formatter as the
 * server (domain/money.ts): `$1,234.56`, never a float.
 */
import { formatCents } from '@domain/money';

export function money(cents: number): string {
  return formatCents(cents);
}

const dayFormat = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
const shortFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A bank date (YYYY-MM-DD, no time zone) as "Fri, Jan 12". */
export function bankDate(isoDate: string): string {
  return dayFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** A bank date as "Jan 12". */
export function shortDate(isoDate: string): string {
  return shortFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** Seconds as "4:05" for countdowns. */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const timeFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** An instant in the viewer's time zone, e.g. "Jan 12, 3:04 PM" (staff views). */
export function dateTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** How long since an instant, in the largest whole unit: "3 days", "5 hours", "12 min". */
export function waited(sinceIso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}
