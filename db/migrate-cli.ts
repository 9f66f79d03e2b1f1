/** `npm run migrate`: applies Timely's migrations to DATABASE_URL (the k8s migration Job runs this). */
import { config } from '../platform/config';
import { useDevEndpoints } from '../platform/dev-endpoints';
import { logger } from '../platform/logger';
import { errForLog } from './pg-error';
import { closePool, getPool } from './pool';
import { migrate } from './migrate';

async function main(): Promise<void> {
  // DATABASE_URL unset: the running `npm run dev`'s database, else the local server (logged).
  await useDevEndpoints(['database']);
  const applied = await migrate(getPool());
  logger.info({ applied, database: new URL(config().DATABASE_URL).pathname.slice(1) }, applied.length ? 'migrations applied' : 'database is up to date');
}

main()
  .catch((err) => {
    logger.error({ err: errForLog(err) }, 'migration failed');
    process.exitCode = 1;
  })
  .finally(() => closePool());
