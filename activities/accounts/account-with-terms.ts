/**
 * A customer's account and its advance terms in one statement (both are this module's tables):
 * GET /v1/me reads them on every visit to the home screen.
 */
import type { Pool } from 'pg';
import { type Account, ACCOUNT_COLUMNS, toAccount } from './accounts-store';
import { type AdvanceTerms, TERMS_COLUMNS, toAdvanceTerms } from './advance-terms';

export async function getAccountWithTerms(pool: Pool, accountId: string): Promise<{ account: Account; terms: AdvanceTerms | undefined } | undefined> {
  // Named, so each connection prepares it once (parse and plan skipped on every later read).
  const { rows } = await pool.query({
    name: 'account-with-terms',
    text: `SELECT a.*, t.terms FROM (SELECT ${ACCOUNT_COLUMNS} FROM accounts.accounts WHERE id = $1) a
           LEFT JOIN LATERAL (SELECT row_to_json(x) AS terms FROM (SELECT ${TERMS_COLUMNS} FROM accounts.advance_terms WHERE account_id = $1) x) t ON true`,
    values: [accountId],
  });
  const r = rows[0];
  return r && { account: toAccount(r), terms: r.terms ? toAdvanceTerms(r.terms) : undefined };
}
