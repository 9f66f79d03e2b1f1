/**
 * The business clock: the ONE place Timely's business dates come from ("today" of an
 * evaluation, the day a notice is sent, a decision's as-of date, the day a failed attempt is
 * booked, the date support's Nacha rules are judged on). Dates Plaid reports (transaction dates,
 * transfer event timestamps) stay Plaid's and are never replaced by this clock.
 *
 * - production (and Plaid's own sandbox): wall time.
 * - dev and tests against the local Plaid sandbox: the sandbox's clock (GET /__sandbox/clock),
 *   which its controls move forward. Time travel is then coherent end to end: the bank's
 *   postings, Plaid's transfer events and Timely's "today" all agree.
 *
 * The business day is the UTC calendar date, the day the sandbox's bank books in and the date of
 * Plaid's UTC event timestamps. Workflows never call this: they take dates from activity results
 * (or from a date their caller passed in), so replays see the same dates.
 */
import http from 'node:http';
import https from 'node:https';
import type { IsoDate } from '../domain/dates';
import { config, Config } from './config';
import { logger } from './logger';

export type BusinessClockSource = 'wall' | 'plaid-sandbox';

export function businessClockSource(cfg: Config = config()): BusinessClockSource {
  return cfg.BUSINESS_CLOCK ?? (cfg.PLAID_ENV === 'local' ? 'plaid-sandbox' : 'wall');
}

/** The UTC calendar date of an instant. */
export const utcDate = (d: Date): IsoDate => d.toISOString().slice(0, 10);

/** The business clock's current instant. */
export async function businessNow(): Promise<Date> {
  const cfg = config();
  if (businessClockSource(cfg) === 'wall') return new Date();
  try {
    const body = (await getJson(`${cfg.PLAID_LOCAL_URL.replace(/\/$/, '')}/__sandbox/clock`, cfg.PLAID_TIMEOUT_MS)) as { now?: unknown };
    const now = typeof body.now === 'string' ? new Date(body.now) : null;
    if (!now || Number.isNaN(now.getTime())) throw new Error(`GET /__sandbox/clock gave no time: ${JSON.stringify(body)}`);
    return now;
  } catch (err) {
    // Dev only (production never follows the sandbox): a sandbox that is down also fails every
    // Plaid call of the same step, which Temporal retries; an API read just shows wall dates.
    logger.warn({ err, url: cfg.PLAID_LOCAL_URL }, 'the Plaid sandbox clock is unreachable; business dates fall back to wall time');
    return new Date();
  }
}

/**
 * GET a small JSON document over Node's http with its keep-alive agent. Not `fetch`: undici's
 * streams, abort signals and per-request objects cost ~2 ms of the worker's main thread per call,
 * and a sweep asks the clock once per batch and once per account it hands over (the evaluate
 * benchmark's profile, issue 15).
 */
function getJson(url: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? https : http).get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`GET ${new URL(url).pathname} answered ${res.statusCode}`));
        try {
          resolve(JSON.parse(body));
        } catch (err) {
          reject(err);
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${new URL(url).pathname} took longer than ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** Today's business date ('YYYY-MM-DD', UTC). */
export async function businessToday(): Promise<IsoDate> {
  return utcDate(await businessNow());
}
