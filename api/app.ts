/**
 * The Express app: JSON in, JSON or problem+json out. Route modules register themselves (with
 * their schemas, for validation and /openapi.json); the API validates, authorizes, starts or
 * queries workflows and reads; the work itself runs in workflows.
 */
import express from 'express';
import { pinoHttp } from 'pino-http';
import type { OtpSender } from '../activities/accounts/otp-sender';
import { logger } from '../platform/logger';
import { metricsMiddleware } from './metrics';
import { rejectForeignOrigin } from './origin-check';
import { securityHeaders } from './security-headers';
import { config } from '../platform/config';
import { genReqId } from './request-id';
import { notFound, problemHandler } from './problem';
import { accountRoutes } from './routes/accounts';
import { adminAccountRoutes } from './routes/admin-accounts';
import { adminFactorRoutes } from './routes/admin-factors';
import { applicationRoutes } from './routes/applications';
import { authRoutes } from './routes/auth';
import { secondFactorRoutes } from './routes/second-factor';
import { securityRoutes } from './routes/security';
import { bankRoutes } from './routes/bank';
import { healthRoutes } from './routes/health';
import { transferQueueRoutes } from './routes/transfer-queue';
import { transferRoutes } from './routes/transfers';
import { webhookFollowUp } from './webhook-follow-up';
import { evaluationFollowUp } from './evaluation-trigger';
import { evaluationRoutes } from './routes/evaluations';
import { dashboardRoutes } from './routes/dashboard';
import { staffAdminRoutes } from './routes/staff-admin';
import { debitAuthorizationRoutes } from './routes/debit-authorization';
import { reconciliationRoutes } from './routes/reconciliation';
import { builtWebApp, type WebApp } from './web-app';
import { codecRoutes } from './codec-server';

export interface AppDeps {
  otpSender: OtpSender;
  /** The web app's pages (api/web-app.ts); default: the built dist/web when present. */
  web?: WebApp;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are `Cache-Control: no-store`: an ETag (a hash of every JSON body) would never be
  // asked for again. The web app's files keep theirs (serve-static sets its own).
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger,
      genReqId, // a caller's x-request-id only when short and plain (api/request-id.ts)
      // One short line per request (id, method, url, status, time). Every request and response
      // header (the CSP alone is 500 bytes) was serialized into each line, which then had to be
      // parsed and scanned again for secrets (platform/log-redaction.ts), on every request.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
    }),
  );
  app.use(metricsMiddleware);
  app.use(securityHeaders(config()));
  // Before any body is read: an unsafe request from a foreign page changes nothing.
  app.use(rejectForeignOrigin);
  // Temporal's codec protocol for the Temporal UI: its own CORS, operator check and body limit.
  app.use(codecRoutes());
  app.use(
    express.json({
      limit: '100kb',
      // Webhook signatures cover the exact bytes received, so keep them.
      verify: (req, _res, buf) => {
        (req as unknown as { rawBody: Buffer }).rawBody = buf;
      },
    }),
  );

  const router = express.Router();
  healthRoutes(router);
  accountRoutes(router);
  authRoutes(router, deps.otpSender);
  secondFactorRoutes(router, deps.otpSender);
  securityRoutes(router, deps.otpSender);
  adminAccountRoutes(router);
  adminFactorRoutes(router, deps.otpSender);
  // A verified Plaid webhook: transfer events are synced; new transactions trigger an evaluation.
  bankRoutes(router, async (outcome) => {
    await webhookFollowUp(outcome);
    await evaluationFollowUp(outcome);
  });
  applicationRoutes(router);
  transferQueueRoutes(router); // before transferRoutes: its /:id would match "queue"
  transferRoutes(router);
  evaluationRoutes(router);
  staffAdminRoutes(router);
  dashboardRoutes(router);
  debitAuthorizationRoutes(router);
  reconciliationRoutes(router);
  app.use(router);
  // After every API route (they win), before the 404 handler (unknown API paths stay problems).
  app.use((deps.web ?? builtWebApp()).handler);

  app.use((req) => {
    throw notFound(`No route for ${req.method} ${req.path}.`);
  });
  app.use(problemHandler);
  return app;
}
