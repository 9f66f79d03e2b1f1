/** What the bank module needs: its database, the Plaid client and the token key. */
import type { Pool } from 'pg';
import type { PlaidApi } from 'plaid';
import { getPool } from '../../db/pool';
import { config } from '../../platform/config';
import { createPlaidClient } from './plaid-client';
import { tokenKey } from './token-crypto';

export interface BankDeps {
  pool: Pool;
  plaid: PlaidApi;
  key: Buffer;
}

let deps: BankDeps | undefined;
export function bankDeps(): BankDeps {
  deps ??= { pool: getPool(), plaid: createPlaidClient(config()), key: tokenKey(config()) };
  return deps;
}
