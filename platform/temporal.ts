/**
 * Temporal connection settings shared by the API, the worker and the scripts: the dev server
 * locally, a self-hosted cluster, or Temporal Cloud (mTLS files or an API key).
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import type { Config } from './config';

function tls(cfg: Config): ConnectionOptions['tls'] {
  if (cfg.TEMPORAL_TLS_CERT_PATH && cfg.TEMPORAL_TLS_KEY_PATH) {
    return {
      clientCertPair: { crt: readFileSync(cfg.TEMPORAL_TLS_CERT_PATH), key: readFileSync(cfg.TEMPORAL_TLS_KEY_PATH) },
    };
  }
  return cfg.TEMPORAL_API_KEY ? true : undefined;
}

export function clientConnectionOptions(cfg: Config): ConnectionOptions {
  return { address: cfg.TEMPORAL_ADDRESS, tls: tls(cfg), apiKey: cfg.TEMPORAL_API_KEY, connectTimeout: 5000 };
}

export function workerConnectionOptions(cfg: Config): NativeConnectionOptions {
  return { address: cfg.TEMPORAL_ADDRESS, tls: tls(cfg), apiKey: cfg.TEMPORAL_API_KEY };
}

/** Link to a run in the Temporal Web UI, for staff responses and logs. */
export function temporalUiLink(cfg: Config, workflowId: string, runId?: string): string {
  const base = cfg.TEMPORAL_UI_URL.replace(/\/$/, '');
  const ns = encodeURIComponent(cfg.TEMPORAL_NAMESPACE);
  const wf = encodeURIComponent(workflowId);
  return runId ? `${base}/namespaces/${ns}/workflows/${wf}/${encodeURIComponent(runId)}/history` : `${base}/namespaces/${ns}/workflows/${wf}`;
}

/** A ready-made list query in the Temporal Web UI (e.g. `TimelyStatus = "needs_attention"`). */
export function temporalUiQueryLink(cfg: Config, query: string): string {
  return `${cfg.TEMPORAL_UI_URL.replace(/\/$/, '')}/namespaces/${encodeURIComponent(cfg.TEMPORAL_NAMESPACE)}/workflows?query=${encodeURIComponent(query)}`;
}

/** A schedule's page in the Temporal Web UI. */
export function temporalUiScheduleLink(cfg: Config, scheduleId: string): string {
  return `${cfg.TEMPORAL_UI_URL.replace(/\/$/, '')}/namespaces/${encodeURIComponent(cfg.TEMPORAL_NAMESPACE)}/schedules/${encodeURIComponent(scheduleId)}`;
}
