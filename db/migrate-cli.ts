/** `npm run migrate`: applies Timely's migrations to DATABASE_URL (the k8s migration Job runs this). */
import { config } from '../platform/config';
import { logger } from '../platform/logger';
import { closePool, getPool } from './pool';
import { migrate } from './migrate';

async function main(): Promise<void> {
  const applied = await migrate(getPool());
  logger.info({ applied, database: new URL(config().DATABASE_URL).pathname.slice(1) }, applied.length ? 'migrations applied' : 'database is up to date');
}

main()
  .catch((err) => {
    logger.error({ err }, 'migration failed');
    process.exitCode = 1;
  })
  .finally(() => closePool());
