/**
 * The one data converter of every Temporal client and worker Timely makes (API, worker, schedules,
 * scripts, tests, benchmarks): JSON payloads, encrypted by the payload codec, and failures whose
 * message and stack are encrypted as well. A process without it would write plaintext, or fail
 * to read what the others wrote.
 */
import type { DataConverter } from '@temporalio/common';
import type { Config } from './config';
import { EncryptionCodec } from './payload-codec';
import { payloadKeys } from './payload-keys';

/** Also handed to bundleWorkflowCode: workflow code encodes failures with the same converter. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

export function payloadCodec(cfg: Pick<Config, 'NODE_ENV' | 'TEMPORAL_PAYLOAD_KEYS' | 'TEMPORAL_PAYLOAD_KEY_ID'>): EncryptionCodec {
  return new EncryptionCodec(payloadKeys(cfg));
}

export function dataConverter(cfg: Pick<Config, 'NODE_ENV' | 'TEMPORAL_PAYLOAD_KEYS' | 'TEMPORAL_PAYLOAD_KEY_ID'>): DataConverter {
  return { payloadCodecs: [payloadCodec(cfg)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
