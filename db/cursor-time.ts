/**
 * Keyset cursors carry PostgreSQL's own text of a timestamptz (microseconds kept). A cursor is
 * client input, so before its time reaches a `::timestamptz` cast (which fails as a 500 on
 * "garbage", on month 13 or on a NUL) it must look exactly like what Postgres writes and name a
 * real instant.
 */
const PG_TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(?::\d{2}){0,2})$/;

export function isPgTimestamptzText(t: unknown): t is string {
  if (typeof t !== 'string') return false;
  const m = PG_TIMESTAMPTZ.exec(t);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  // The day must exist in that month (Date rolls 2024-02-30 over to March).
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuidText = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
