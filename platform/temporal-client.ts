/**
 * The process's Temporal client. The connection is lazy: the API starts (and answers /readyz
 * "not ready") even while Temporal is still coming up.
 */
import { Client, Connection, type ConnectionLike, InternalConnectionLikeSymbol, type InternalConnectionLike } from '@temporalio/client';
import { Config, config } from './config';
import { dataConverter } from './data-converter';
import { clientConnectionOptions } from './temporal';

let client: Client | undefined;

/** Every Temporal client Timely makes: the namespace and the encrypting data converter. */
export function createTemporalClient(cfg: Config, connection: ConnectionLike): Client {
  return new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE, dataConverter: dataConverter(cfg) });
}

export function getTemporalClient(): Client {
  if (!client) {
    const cfg = config();
    client = createTemporalClient(cfg, Connection.lazy(clientConnectionOptions(cfg)));
  }
  return client;
}

/**
 * In the worker process: the activities' client goes through the worker's own (native) connection,
 * so a workflow an activity starts (a sweep's hand-over, an advance's transfer) may be started
 * eagerly: the server hands its first workflow task back in the start's answer to this worker,
 * skipping the trip through the task queue (one dispatch and one poll per workflow). The worker
 * closes that connection itself, after its client's users have stopped.
 */
export function shareWorkerConnection(cfg: Config, connection: ConnectionLike): void {
  client = createTemporalClient(cfg, connection);
}

/** `requestEagerStart` when the client shares a worker's connection (the SDK refuses it otherwise). */
export function eagerStart(c: Client): { requestEagerStart?: true } {
  return (c.connection as InternalConnectionLike)[InternalConnectionLikeSymbol]?.supportsEagerStart ? { requestEagerStart: true } : {};
}

export async function closeTemporalClient(): Promise<void> {
  const c = client;
  client = undefined;
  await c?.connection.close();
}
