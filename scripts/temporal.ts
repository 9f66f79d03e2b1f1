/**
 * `npm run temporal -- show <workflowId> [--run <runId>] [--json]`: a workflow's history with its
 * payloads decoded, for an operator. Payloads are encrypted (platform/payload-codec.ts); this
 * decodes them with the keys in TEMPORAL_PAYLOAD_KEYS (in development, the one under .data/), so
 * only someone who holds the keys (an operator's shell, a production pod) reads them. Without
 * `npm run dev` running, set TEMPORAL_ADDRESS (and the Cloud settings) as for the worker.
 * The Temporal CLI itself can do the same through the API's codec server:
 *   temporal workflow show -w <id> --codec-endpoint http://127.0.0.1:3000/codec --codec-auth "Bearer <operator token>"
 */
import { parseArgs } from 'node:util';
import { Connection } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { configOrExit } from '../platform/config';
import { payloadCodec } from '../platform/data-converter';
import { useDevEndpoints } from '../platform/dev-endpoints';
import type { EncryptionCodec } from '../platform/payload-codec';
import { clientConnectionOptions } from '../platform/temporal';
import { createTemporalClient } from '../platform/temporal-client';

const USAGE = 'usage: npm run temporal -- show <workflowId> [--run <runId>] [--json]';

const isPayload = (v: unknown): v is Payload =>
  typeof v === 'object' && v !== null && 'metadata' in v && typeof (v as Payload).metadata === 'object' && (v as Payload).metadata !== null && 'encoding' in (v as Payload).metadata!;

/** Every payload in a history (inputs, results, markers, failure details) replaced by its value. */
export async function decodeDeep(value: unknown, codec: EncryptionCodec): Promise<unknown> {
  if (isPayload(value)) {
    const [decoded] = await codec.decode([value]);
    try {
      return defaultPayloadConverter.fromPayload(decoded);
    } catch {
      return { undecodable: Buffer.from(decoded.metadata?.encoding ?? []).toString() };
    }
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return Promise.all(value.map((v) => decodeDeep(v, codec)));
  if (typeof value === 'object' && value !== null) {
    if (typeof (value as { toNumber?: unknown }).toNumber === 'function') return String(value); // Long
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = await decodeDeep(v, codec);
    // { payloads: [...] } (a Payloads message) reads better as the list of values it holds.
    const keys = Object.keys(out);
    return keys.length === 1 && keys[0] === 'payloads' && Array.isArray(out.payloads) ? out.payloads : out;
  }
  return value;
}

async function show(workflowId: string, runId: string | undefined, json: boolean): Promise<void> {
  // Which Temporal it used goes to stderr: stdout is the history (and --json must stay JSON).
  await useDevEndpoints(['temporal'], { report: (c) => process.stderr.write(`Temporal: ${c.value} (${c.why})\n`) });
  const cfg = configOrExit();
  const connection = await Connection.connect(clientConnectionOptions(cfg));
  try {
    const client = createTemporalClient(cfg, connection);
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const codec = payloadCodec(cfg);
    const events = await Promise.all(
      (history.events ?? []).map(async (e) => {
        const { eventId, eventTime, eventType, ...rest } = temporal.api.history.v1.HistoryEvent.toObject(e as temporal.api.history.v1.HistoryEvent, { defaults: false });
        const type = temporal.api.enums.v1.EventType[eventType as number] ?? String(eventType);
        const attributes = Object.fromEntries(Object.entries(rest).filter(([k]) => k.endsWith('Attributes')));
        return { eventId: String(eventId), time: e.eventTime ? new Date(Number(e.eventTime.seconds) * 1000).toISOString() : null, type: type.replace(/^EVENT_TYPE_/, ''), attributes: await decodeDeep(attributes, codec) };
      }),
    );
    if (json) {
      process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
      return;
    }
    for (const e of events) process.stdout.write(`#${e.eventId} ${e.time ?? ''} ${e.type}\n${JSON.stringify(e.attributes, null, 2).replace(/^/gm, '    ')}\n`);
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { run: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const [command, workflowId] = positionals;
  if (command !== 'show' || !workflowId) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  await show(workflowId, values.run, values.json ?? false);
}

if (require.main === module)
  main().catch((err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
