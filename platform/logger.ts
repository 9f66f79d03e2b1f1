/**
 * Structured logs (pino). Reads LOG_LEVEL and TIMELY_SERVICE directly (both declared in
 * platform/config.ts) because the logger must exist before the configuration is validated. Workflow and activity code get loggers carrying the workflow id
 * through Temporal's own logger (see worker/runtime.ts); everything else uses this one,
 * adding `workflowId` as a binding where a request concerns a workflow.
 */
import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: process.env.TIMELY_SERVICE ?? 'timely' },
  redact: {
    // Secrets must never reach a log line, whatever object they ride in.
    paths: ['*.accessToken', '*.access_token', '*.password', '*.secret', '*.token', '*.totpSecret', 'req.headers.authorization', '*.headers["plaid-secret"]'],
    censor: '[redacted]',
  },
});

export type Logger = typeof logger;
