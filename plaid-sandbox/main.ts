/**
 * `npm run plaid-sandbox`: the local Plaid sandbox as its own process.
 * Storage: PLAID_SANDBOX_DATABASE_URL, else DATABASE_URL (schema plaid_sandbox); port
 * PLAID_SANDBOX_PORT (default 4010). Accepts PLAID_CLIENT_ID / PLAID_SECRET, the pair Timely's
 * Plaid client sends in local mode.
 */
import { Pool } from 'pg';
import { ensureDatabase } from '../db/migrate';
import { config } from '../platform/config';
import { pgErrorSummary } from '../db/pg-error';
import { logger } from '../platform/logger';
import { createPlaidSandbox } from './sandbox';

async function main(): Promise<void> {
  const cfg = config();
  if (cfg.NODE_ENV === 'production') throw new Error('the local Plaid sandbox does not run in production');
  const url = cfg.PLAID_SANDBOX_DATABASE_URL ?? cfg.DATABASE_URL;
  await ensureDatabase(url);
  const pool = new Pool({ connectionString: url, max: cfg.DATABASE_POOL_MAX });
  pool.on('error', (err) => logger.warn({ err: pgErrorSummary(err) }, 'idle PostgreSQL client error (plaid sandbox)'));

  const sandbox = createPlaidSandbox({
    pool,
    credentials: { clientId: cfg.PLAID_CLIENT_ID, secret: cfg.PLAID_SECRET },
    // In dev, transfers move on their own (5 s to posted, 15 s more to settled, 30 s more to funds available).
    transferClock: { enabled: true },
    // Plaid's per-Item Sandbox limits (e.g. 25 balance reads a minute): Timely must cope with 429s.
    rateLimits: true,
  });
  const { url: listening } = await sandbox.start({ port: cfg.PLAID_SANDBOX_PORT, host: cfg.HOST });
  logger.info({ url: listening, controls: `${listening}/__sandbox` }, 'local Plaid sandbox ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'plaid sandbox stopping');
    await sandbox.stop();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  logger.fatal({ err }, 'plaid sandbox failed to start');
  process.exit(1);
});
