/** The transfers module's figures for the operator dashboard: counts, money outstanding, debit returns. */
import type { Pool } from 'pg';

export async function transferCountsByStatus(pool: Pool): Promise<{ status: string; count: number }[]> {
  const { rows } = await pool.query('SELECT status, count(*)::int AS n FROM transfers.transfers GROUP BY status ORDER BY status');
  return rows.map((r) => ({ status: r.status, count: r.n }));
}

/** What all customers owe on their advances, from the ledger's receivable lines. */
export async function totalOutstandingCents(pool: Pool): Promise<number> {
  const { rows } = await pool.query(`SELECT coalesce(sum(amount_cents), 0) AS s FROM transfers.ledger_lines WHERE ledger_account LIKE 'customer_receivable:%'`);
  return Number(rows[0].s);
}

/**
 * Debit entries presented to the ACH network in the last `days` days (attempts of debit transfers
 * that Plaid accepted, i.e. have a Plaid transfer id and did not fail before the network), and the
 * return codes of those that came back: Nacha's return-rate inputs.
 */
export async function debitReturnsSince(pool: Pool, days: number): Promise<{ debitEntries: number; returnCodes: string[] }> {
  const { rows } = await pool.query(
    `SELECT a.status, a.return_code FROM transfers.attempts a JOIN transfers.transfers t ON t.id = a.transfer_id
      WHERE t.direction = 'debit' AND a.plaid_transfer_id IS NOT NULL AND a.status NOT IN ('failed', 'declined')
        AND a.created_at > now() - make_interval(days => $1)`,
    [days],
  );
  return { debitEntries: rows.length, returnCodes: rows.filter((r) => r.status === 'returned' && r.return_code).map((r) => r.return_code as string) };
}
