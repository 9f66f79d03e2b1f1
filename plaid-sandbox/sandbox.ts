/**
 * The local Plaid sandbox as a value: `createPlaidSandbox({ pool })` returns an Express app plus
 * start/stop, so tests and `npm run dev` run it in-process and `npm run plaid-sandbox` as its own
 * process (main.ts). Plaid's endpoints are served at the root, as at https://sandbox.plaid.com;
 * the emulator's own controls live under /__sandbox (a path Plaid does not use).
 */
import express, { type Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { logger as rootLogger, type Logger } from '../platform/logger';
import { OffsetClock, type SandboxClock } from './clock';
import { CLOCK_OFFSET_SETTING } from './controls/clock';
import { controlRoutes } from './controls/router';
import { TRANSFER_WEBHOOK_SETTING, transferControls } from './controls/transfers';
import type { SandboxDeps } from './core/deps';
import { type Credentials, mountNotFound, mountPlaidEndpoints } from './http/endpoint';
import { ItemRateLimiter } from './http/rate-limit';
import { mountLinkScript } from './link-ui/serve';
import { accountEndpoints } from './routes/accounts';
import { itemEndpoints } from './routes/items';
import { linkEndpoints } from './routes/link';
import { transactionEndpoints } from './routes/transactions';
import { authorizationEndpoints } from './routes/transfer/authorization';
import { transferEventEndpoints } from './routes/transfer/events';
import { simulateEndpoints } from './routes/transfer/simulate';
import { transferEndpoints } from './routes/transfer/transfers';
import { webhookKeyEndpoints } from './routes/webhook-key';
import { migratePlaidSandbox } from './store/migrations';
import { getSetting } from './store/settings';
import { TransferClock, type TransferClockOptions } from './transfers/auto-advance';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { loadOrCreateSigningKey, type SigningKey } from './webhooks/signer';

export interface PlaidSandboxOptions {
  pool: Pool;
  /** Default: the wall clock plus an offset persisted in storage (moved by /__sandbox/clock/advance). */
  clock?: SandboxClock;
  /** The client_id/secret pair to accept; null or absent accepts any non-empty pair. */
  credentials?: Credentials;
  logger?: Logger;
  /** Apply the sandbox's migrations on start (default true). */
  migrate?: boolean;
  /**
   * Transfers advance on their own on the sandbox clock (pending -> posted -> settled ->
   * funds_available; an uncovered debit returns R01). Off by default (tests simulate); on in
   * `npm run plaid-sandbox`.
   */
  transferClock?: TransferClockOptions;
  /** Default URL for TRANSFER_EVENTS_UPDATE webhooks (else the one set by control, else the Item's webhook). */
  transferWebhookUrl?: string;
  /** ACH originator name on customers' statements (default "TIMELY"). */
  originatorName?: string;
  webhookTimeoutMs?: number;
  /** Enforce Plaid's per-Item Sandbox rate limits (429 RATE_LIMIT_EXCEEDED); off by default. */
  rateLimits?: boolean;
}

export interface PlaidSandbox {
  app: Express;
  clock: SandboxClock;
  /** Migrations, signing key, persisted clock: done by start(), or call it to use `app` directly. */
  ready(): Promise<void>;
  start(opts?: { port?: number; host?: string }): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
  /** Base URL once started (the plaid client's basePath). */
  url(): string;
  /** Resolves when every webhook sent so far has been delivered or has failed. */
  flushWebhooks(): Promise<void>;
  /** Runs the transfer lifecycle for everything due on the sandbox clock; returns steps taken. */
  advanceTransfers(): Promise<number>;
  /** The Plaid endpoints served, with the request fields each accepts. */
  endpoints: { path: string; requestFields: string[] }[];
}

export function createPlaidSandbox(opts: PlaidSandboxOptions): PlaidSandbox {
  const log = (opts.logger ?? rootLogger).child({ module: 'plaid-sandbox' });
  const clock = opts.clock ?? new OffsetClock();
  let key: SigningKey | undefined;
  const signingKey = () => {
    if (!key) throw new Error('plaid sandbox not ready: call ready() or start() first');
    return key;
  };
  const webhooks = new WebhookDispatcher(opts.pool, signingKey, clock, log, opts.webhookTimeoutMs);
  const deps: SandboxDeps = {
    pool: opts.pool,
    clock,
    webhooks,
    signingKey,
    log,
    originatorName: opts.originatorName ?? 'TIMELY',
    rateLimiter: new ItemRateLimiter(opts.rateLimits ?? false),
    transferWebhookUrl: async () => opts.transferWebhookUrl ?? (await getSetting<string>(opts.pool, TRANSFER_WEBHOOK_SETTING)) ?? null,
  };

  const transferClock = new TransferClock(deps, opts.transferClock ?? { enabled: false });

  const app = express();
  app.disable('x-powered-by');
  mountLinkScript(app);
  app.use(
    '/__sandbox',
    controlRoutes(deps, {
      afterClockAdvance: async () => (opts.transferClock?.enabled ? transferClock.advanceDue() : 0),
      extra: [transferControls(deps, transferClock)],
    }),
  );
  const endpoints = [
    ...linkEndpoints(deps),
    ...itemEndpoints(deps),
    ...accountEndpoints(deps),
    ...transactionEndpoints(deps),
    ...webhookKeyEndpoints(deps),
    ...authorizationEndpoints(deps),
    ...transferEndpoints(deps),
    ...transferEventEndpoints(deps),
    ...simulateEndpoints(deps),
  ];
  mountPlaidEndpoints(app, endpoints, opts.credentials ?? null, log);
  mountNotFound(app);

  let readyPromise: Promise<void> | undefined;
  const ready = () =>
    (readyPromise ??= (async () => {
      if (opts.migrate !== false) await migratePlaidSandbox(opts.pool);
      if (clock instanceof OffsetClock) clock.restore((await getSetting<number>(opts.pool, CLOCK_OFFSET_SETTING)) ?? 0);
      key = await loadOrCreateSigningKey(opts.pool, clock.now());
    })());

  let server: Server | undefined;
  let baseUrl: string | undefined;
  return {
    app,
    clock,
    ready,
    async start({ port = 0, host = '127.0.0.1' } = {}) {
      await ready();
      server = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(port, host, () => resolve(s));
        s.once('error', reject);
      });
      transferClock.start();
      const addr = server.address() as AddressInfo;
      baseUrl = `http://${host}:${addr.port}`;
      log.info({ url: baseUrl }, 'plaid sandbox listening');
      return { url: baseUrl, port: addr.port };
    },
    async stop() {
      await transferClock.stop();
      await webhooks.flush();
      const s = server;
      server = undefined;
      if (s)
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections(); // keep-alive sockets of clients would otherwise hold close() open
        });
    },
    url() {
      if (!baseUrl) throw new Error('plaid sandbox not started');
      return baseUrl;
    },
    flushWebhooks: () => webhooks.flush(),
    advanceTransfers: () => transferClock.advanceDue(),
    endpoints: endpoints.map(({ path, requestFields }) => ({ path, requestFields })),
  };
}
