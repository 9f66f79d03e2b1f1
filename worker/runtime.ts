/**
 * Process-wide Temporal runtime: SDK logs go to pino (with the workflow id that the SDK attaches),
 * and the SDK's own metrics are served for Prometheus at METRICS_PORT/metrics.
 */
import { DefaultLogger, LogEntry, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { Config } from '../platform/config';
import { logger } from '../platform/logger';

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

export function installRuntime(cfg: Config): void {
  const sdkLogger = new DefaultLogger('INFO', (entry: LogEntry) => {
    const level = LEVELS[entry.level];
    logger[level]({ ...entry.meta, sdk: true }, entry.message);
  });
  Runtime.install({
    logger: sdkLogger,
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) },
      ...(cfg.METRICS_PORT > 0 ? { metrics: { prometheus: { bindAddress: `${cfg.HOST}:${cfg.METRICS_PORT}` } } } : {}),
    },
  });
}
