/**
 * The process's Temporal client. The connection is lazy: the API starts (and answers /readyz
 * "not ready") even while Temporal is still coming up.
 */
import { Client, Connection } from '@temporalio/client';
import { config } from './config';
import { clientConnectionOptions } from './temporal';

let client: Client | undefined;

export function getTemporalClient(): Client {
  if (!client) {
    const cfg = config();
    client = new Client({ connection: Connection.lazy(clientConnectionOptions(cfg)), namespace: cfg.TEMPORAL_NAMESPACE });
  }
  return client;
}

export async function closeTemporalClient(): Promise<void> {
  const c = client;
  client = undefined;
  await c?.connection.close();
}
