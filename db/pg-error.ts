/**
 * A database error as a log line wants it: message, SQLSTATE code, severity and the query's name
 * where there is one. Logged as-is, a pool's idle-client error carries the whole `pg` Client
 * (pg-pool sets `err.client`: socket, parser, connection parameters), about 5 kB per line.
 */

export interface PgErrorSummary {
  type: string;
  message: string;
  /** SQLSTATE (e.g. 57P01 admin shutdown) or a Node error code (ECONNREFUSED) */
  code?: string;
  severity?: string;
  /** the named query (pg's `{ name, text }`) that failed, where there is one */
  query?: string;
  table?: string;
  constraint?: string;
}

type PgLike = Error & {
  code?: unknown;
  severity?: unknown;
  table?: unknown;
  constraint?: unknown;
  query?: { name?: unknown } | string;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Whether err came from pg (a server error, or a client/pool error about a connection). */
export function isPgError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as PgLike;
  return e.constructor?.name === 'DatabaseError' || typeof e.severity === 'string' || 'client' in e;
}

export function pgErrorSummary(err: unknown): PgErrorSummary {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err) };
  const e = err as PgLike;
  // pg itself does not attach the query to its errors (and an idle client's error has none); a
  // caller that knows it sets err.query to the name or to the { name, text } config it ran.
  const named = typeof e.query === 'string' ? e.query : e.query?.name;
  const out: PgErrorSummary = { type: e.constructor?.name || e.name, message: e.message };
  const fields: [keyof PgErrorSummary, string | undefined][] = [
    ['code', str(e.code)],
    ['severity', str(e.severity)],
    ['query', str(named)],
    ['table', str(e.table)],
    ['constraint', str(e.constraint)],
  ];
  for (const [k, v] of fields) if (v) out[k] = v;
  return out;
}

/** For `logger.x({ err: errForLog(err) })`: pg errors summarized, any other error left to pino's serializer (with its stack). */
export function errForLog(err: unknown): unknown {
  return isPgError(err) ? pgErrorSummary(err) : err;
}
