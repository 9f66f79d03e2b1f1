/**
 * The customer's legal name as the accounts module knows it, for the one step that needs it
 * (Plaid Transfer's authorization). Read where it is used, so no workflow carries it (issue 13).
 */
import type { Pool } from 'pg';
import { ApplicationFailure } from '@temporalio/common';

export async function legalNameOf(pool: Pool, accountId: string): Promise<string> {
  const { rows } = await pool.query(`SELECT first_name, last_name FROM accounts.accounts WHERE id = $1`, [accountId]);
  if (!rows[0]) throw ApplicationFailure.nonRetryable(`account ${accountId} does not exist`, 'ACCOUNT_NOT_FOUND');
  return `${rows[0].first_name} ${rows[0].last_name}`;
}
