/**
 * The process's Temporal client. The connection is lazy: the API starts (and answers /readyz
 * "not ready") even while Temporal is still coming up.
 */
import { Client, Connection } from '@temporalio/client';
import { Config, config } from './config';
import { dataConverter } from './data-converter';
import { clientConnectionOptions } from './temporal';

let client: Client | undefined;

/** Every Temporal client Timely makes: the namespace and the encrypting data converter. */
export function createTemporalClient(cfg: Config, connection: Connection): Client {
  return new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE, dataConverter: dataConverter(cfg) });
}

export function getTemporalClient(): Client {
  if (!client) {
    const cfg = config();
    client = createTemporalClient(cfg, Connection.lazy(clientConnectionOptions(cfg)));
  }
  return client;
}

export async function closeTemporalClient(): Promise<void> {
  const c = client;
  client = undefined;
  await c?.connection.close();
}
