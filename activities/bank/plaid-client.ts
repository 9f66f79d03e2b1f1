/**
 * The official Plaid client, pointed by PLAID_ENV at the local sandbox emulator (local) or at Plaid
 * itself (sandbox | production). Every Plaid call in Timely goes through this one client, whose
 * failures arrive as PlaidError (safe fields only), never as the axios error carrying our secret.
 */
import { Configuration, PlaidApi, PlaidEnvironments } from 'plaid';
import type { Config } from '../../platform/config';
import { withSafePlaidErrors } from './plaid-errors';

/**
 * Where a browser loads Plaid Link: Plaid's own script (sandbox and production alike), or the
 * local emulator's copy at the same path. Page code is the same for both; only this URL differs.
 */
export function plaidLinkScriptUrl(cfg: Pick<Config, 'PLAID_ENV' | 'PLAID_LOCAL_URL'>): string {
  const path = '/link/v2/stable/link-initialize.js';
  return cfg.PLAID_ENV === 'local' ? `${cfg.PLAID_LOCAL_URL.replace(/\/$/, '')}${path}` : `https://cdn.plaid.com${path}`;
}

export function plaidBasePath(cfg: Config): string {
  if (cfg.PLAID_ENV === 'local') return cfg.PLAID_LOCAL_URL.replace(/\/$/, '');
  return PlaidEnvironments[cfg.PLAID_ENV];
}

export function createPlaidClient(cfg: Config): PlaidApi {
  const api = new PlaidApi(
    new Configuration({
      basePath: plaidBasePath(cfg),
      baseOptions: {
        headers: { 'PLAID-CLIENT-ID': cfg.PLAID_CLIENT_ID, 'PLAID-SECRET': cfg.PLAID_SECRET, 'Plaid-Version': '2020-09-14' },
        // Bounded: a slow Plaid must turn into a clear 503 (API) or a retried activity, never a hang.
        timeout: cfg.PLAID_TIMEOUT_MS,
        // Plaid's API answers every POST itself and never redirects. Without this, axios sends each
        // call through follow-redirects' wrapper of Node's http: under the evaluate benchmark that
        // wrapper cost ~1 ms of the worker's main thread per call (3% of it); axios still bounds
        // the whole call by `timeout` on the native transport.
        maxRedirects: 0,
      },
    }),
  );
  return withSafePlaidErrors(api);
}
