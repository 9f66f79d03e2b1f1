/** `npm run api`: the HTTP API process (and the web app's pages). */
import { createServer } from 'node:http';
import { otpSenderFromConfig } from '../activities/accounts/otp-sender';
import { closePool, keepIdleConnections } from '../db/pool';
import { configOrExit } from '../platform/config';
import { useDevEndpoints } from '../platform/dev-endpoints';
import { logger } from '../platform/logger';
import { closeTemporalClient } from '../platform/temporal-client';
import { createApp } from './app';
import { handleClientErrors } from './client-error';
import { startMetricsServer } from './metrics';
import { builtWebApp, devWebApp } from './web-app';

function main(): void {
  const cfg = configOrExit();
  keepIdleConnections();
  // The server exists before the app so Vite's HMR can share its port (WEB_DEV_SERVER).
  const server = createServer();
  const web = cfg.WEB_DEV_SERVER ? devWebApp(server) : builtWebApp();
  const app = createApp({ otpSender: otpSenderFromConfig(cfg), web });
  server.on('request', app);
  handleClientErrors(server); // malformed HTTP answered as problem+json, not Node's bare status line
  server.listen(cfg.PORT, cfg.HOST, () => {
    logger.info({ url: `http://${cfg.HOST}:${cfg.PORT}`, otpProvider: otpSenderFromConfig(cfg).name }, 'API listening');
  });
  // Metrics on their own port, so the public ingress never exposes them.
  if (cfg.API_METRICS_PORT > 0)
    startMetricsServer(cfg.API_METRICS_PORT, cfg.HOST).then(
      () => logger.info({ url: `http://${cfg.HOST}:${cfg.API_METRICS_PORT}/metrics` }, 'API metrics listening'),
      (err) => logger.error({ err }, 'API metrics server failed to start'),
    );
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') logger.fatal(`port ${cfg.PORT} is already in use: another Timely API? Set PORT to use another.`);
    else logger.fatal({ err }, 'API server error');
    process.exit(1);
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'API shutting down');
    // Vite first: its HMR websockets would otherwise keep server.close() waiting.
    void web.close().finally(() =>
      server.close(async () => {
        await Promise.allSettled([closePool(), closeTemporalClient()]);
        process.exit(0);
      }),
    );
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

// DATABASE_URL / TEMPORAL_ADDRESS unset: those of the running `npm run dev` (logged).
void useDevEndpoints(['database', 'temporal']).then(main);
