/** `npm run schedules`: creates or updates Timely's Temporal Schedules (also done at worker start-up). */
import { Connection } from '@temporalio/client';
import { config } from '../platform/config';
import { useDevEndpoints } from '../platform/dev-endpoints';
import { logger } from '../platform/logger';
import { clientConnectionOptions } from '../platform/temporal';
import { createTemporalClient } from '../platform/temporal-client';
import { ensureSchedules } from '../worker/schedules';

async function main(): Promise<void> {
  // TEMPORAL_ADDRESS unset: the running `npm run dev`'s Temporal server (logged).
  await useDevEndpoints(['temporal']);
  const cfg = config();
  const connection = await Connection.connect(clientConnectionOptions(cfg));
  try {
    const done = await ensureSchedules(createTemporalClient(cfg, connection), cfg);
    logger.info({ schedules: done }, 'schedules in place');
  } finally {
    await connection.close();
  }
}

main().catch((err) => {
  logger.error({ err }, 'could not set up schedules');
  process.exitCode = 1;
});
