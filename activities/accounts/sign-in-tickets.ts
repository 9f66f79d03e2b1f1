/**
 * The step between the phone code and the second factor. The right phone code for a customer with
 * a second factor yields a ticket, not a session: an opaque token (only its SHA-256 stored), good
 * for 5 minutes and 5 tries, spent by the first right second factor.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../db/pool';
import { DomainError } from '../../platform/errors';

export const TICKET_POLICY = { ttlSeconds: 300, maxAttempts: 5 } as const;

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

export interface Ticket {
  ticket: string;
  expiresAt: Date;
  triesLeft: number;
}

export async function issueTicket(db: Pool | PoolClient, accountId: string): Promise<Ticket> {
  const ticket = `tly_t_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + TICKET_POLICY.ttlSeconds * 1000);
  await db.query('INSERT INTO accounts.sign_in_tickets (token_hash, account_id, max_attempts, expires_at) VALUES ($1, $2, $3, $4)', [
    hash(ticket),
    accountId,
    TICKET_POLICY.maxAttempts,
    expiresAt,
  ]);
  return { ticket, expiresAt, triesLeft: TICKET_POLICY.maxAttempts };
}

const DEAD = {
  expired: 'This sign-in has expired. Start again with a new code to your phone.',
  exhausted: 'Too many wrong tries. Start again with a new code to your phone.',
};

/** The live ticket's account (not spent): for passkey options before the proof. */
export async function ticketAccount(pool: Pool, ticket: string): Promise<string> {
  const { rows } = await pool.query(
    'SELECT account_id FROM accounts.sign_in_tickets WHERE token_hash = $1 AND consumed_at IS NULL AND expires_at > now() AND attempts < max_attempts',
    [hash(ticket)],
  );
  if (!rows[0]) throw new DomainError('unauthorized', 'ticket-expired', DEAD.expired);
  return rows[0].account_id;
}

/**
 * Runs `check` for the ticket's account inside one transaction with the ticket locked. A right
 * proof spends the ticket; a wrong one spends a try (committed, so tries really run out).
 */
export async function redeemTicket<T>(pool: Pool, ticket: string, check: (c: PoolClient, accountId: string) => Promise<T | null>): Promise<{ accountId: string; shown: T }> {
  type Outcome = { accountId: string; shown: T } | { error: 'expired' | 'exhausted' } | { error: 'wrong'; triesLeft: number };
  const outcome = await withTransaction<Outcome>(async (c) => {
    const { rows } = await c.query('SELECT * FROM accounts.sign_in_tickets WHERE token_hash = $1 FOR UPDATE', [hash(ticket)]);
    const t = rows[0];
    if (!t || t.consumed_at || t.expires_at.getTime() <= Date.now()) return { error: 'expired' };
    if (t.attempts >= t.max_attempts) return { error: 'exhausted' };
    const shown = await check(c, t.account_id);
    if (shown === null) {
      // Committed with whatever the check wrote (a spent WebAuthn challenge, a failure event).
      await c.query('UPDATE accounts.sign_in_tickets SET attempts = attempts + 1 WHERE token_hash = $1', [hash(ticket)]);
      const triesLeft = t.max_attempts - t.attempts - 1;
      return triesLeft <= 0 ? { error: 'exhausted' } : { error: 'wrong', triesLeft };
    }
    await c.query('UPDATE accounts.sign_in_tickets SET attempts = attempts + 1, consumed_at = now() WHERE token_hash = $1', [hash(ticket)]);
    return { accountId: t.account_id, shown };
  }, pool);
  if ('shown' in outcome) return outcome;
  if (outcome.error === 'wrong')
    throw new DomainError('unauthorized', 'second-factor-wrong', `That didn’t work. You have ${outcome.triesLeft} ${outcome.triesLeft === 1 ? 'try' : 'tries'} left.`, undefined, {
      triesLeft: outcome.triesLeft,
    });
  throw new DomainError('unauthorized', `ticket-${outcome.error}`, DEAD[outcome.error]);
}
