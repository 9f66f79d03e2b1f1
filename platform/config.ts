/**
 * The one place that reads process.env. Every variable the code reads is declared here with its
 * default, so the README, docker-compose.yml and k8s/ can be checked against this list
 * (see `ENV_VARS` below and test/deploy-config.test.ts).
 *
 * Validation happens once at start-up: a wrong value stops the process with one line per
 * variable, instead of failing later in a request.
 */
import { z } from 'zod';
import { payloadKeyProblems } from './payload-keys';

const port = z.coerce.number().int().min(0).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** name -> schema (with default when optional) and a one-line description for the README. */
export const ENV_SCHEMA = {
  NODE_ENV: { schema: z.enum(['development', 'test', 'production']).default('development'), doc: 'development | test | production. production refuses the fake OTP provider and the local Plaid sandbox.' },
  LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), doc: 'pino log level.' },
  DATABASE_URL: { schema: z.string().url().default('postgres://postgres@127.0.0.1:5432/timely'), doc: 'PostgreSQL connection string.' },
  DATABASE_POOL_MAX: { schema: z.coerce.number().int().min(1).max(200).default(10), doc: 'Connections per process.' },
  TEMPORAL_ADDRESS: { schema: z.string().min(3).default('127.0.0.1:7233'), doc: 'Temporal frontend host:port.' },
  TEMPORAL_NAMESPACE: { schema: z.string().min(1).default('default'), doc: 'Temporal namespace.' },
  TEMPORAL_TASK_QUEUE: { schema: z.string().min(1).default('timely'), doc: 'Task queue the worker polls and the API starts workflows on.' },
  TEMPORAL_UI_URL: { schema: z.string().url().default('http://127.0.0.1:8233'), doc: 'Base URL of the Temporal Web UI, for links in staff responses.' },
  TEMPORAL_TLS_CERT_PATH: { schema: z.string().optional(), doc: 'Client certificate (PEM) for mTLS, e.g. Temporal Cloud. Needs TEMPORAL_TLS_KEY_PATH.' },
  TEMPORAL_TLS_KEY_PATH: { schema: z.string().optional(), doc: 'Client key (PEM) for mTLS.' },
  TEMPORAL_API_KEY: { schema: z.string().optional(), doc: 'Temporal Cloud API key (alternative to mTLS; implies TLS).' },
  TEMPORAL_PAYLOAD_KEYS: { schema: z.string().optional(), doc: 'Keys that encrypt every Temporal payload (AES-256-GCM): `id:<base64 of 32 bytes>`, comma-separated; keep rotated-out keys so old histories still decode. Required in production; dev generates one under .data/.' },
  TEMPORAL_PAYLOAD_KEY_ID: { schema: z.string().optional(), doc: 'The id in TEMPORAL_PAYLOAD_KEYS that new payloads are encrypted with (optional when there is one key).' },
  CODEC_CORS_ORIGINS: { schema: z.string().optional(), doc: 'Origins (comma-separated) of Temporal UIs allowed to call the codec server (/codec/decode, /codec/encode), e.g. https://cloud.temporal.io. Unset = the origin of TEMPORAL_UI_URL.' },
  PORT: { schema: port.default(3000), doc: 'API HTTP port.' },
  HOST: { schema: z.string().default('127.0.0.1'), doc: 'API bind address (0.0.0.0 in containers).' },
  METRICS_PORT: { schema: port.default(9464), doc: 'Worker Prometheus /metrics port (0 disables).' },
  API_METRICS_PORT: { schema: port.default(9465), doc: 'API Prometheus /metrics port, apart from the public port (0 disables).' },
  TIMELY_SERVICE: { schema: z.string().default('timely'), doc: 'Service name on every log line (api, worker, plaid-sandbox).' },
  WORKFLOW_BUNDLE_PATH: { schema: z.string().optional(), doc: 'Prebuilt workflow bundle (scripts/bundle-workflows.ts); unset = bundle workflows/ at worker start.' },
  WORKER_SHUTDOWN_GRACE_SECONDS: { schema: z.coerce.number().int().min(0).default(60), doc: 'On SIGTERM, how long in-flight activities may run before they are cancelled.' },
  WORKER_MANAGES_SCHEDULES: { schema: bool.default(true), doc: 'The worker creates or updates the Temporal Schedules at start-up (tests turn it off).' },
  WORKER_MAX_CONCURRENT_ACTIVITIES: { schema: z.coerce.number().int().min(1).default(100), doc: 'Activity slots per worker.' },
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: { schema: z.coerce.number().int().min(2).default(40), doc: 'Workflow task slots per worker.' },
  OTP_PROVIDER: { schema: z.enum(['fake', 'twilio']).optional(), doc: 'SMS sender for sign-in codes. Default fake outside production; production requires a real provider.' },
  FAKE_OTP_CODE: { schema: z.string().regex(/^\d{6}$/, 'must be 6 digits').default('000000'), doc: 'The code the fake OTP provider accepts (and logs).' },
  TWILIO_ACCOUNT_SID: { schema: z.string().optional(), doc: 'Twilio account (OTP_PROVIDER=twilio).' },
  TWILIO_AUTH_TOKEN: { schema: z.string().optional(), doc: 'Twilio auth token (OTP_PROVIDER=twilio).' },
  TWILIO_FROM: { schema: z.string().optional(), doc: 'Twilio sending number (OTP_PROVIDER=twilio).' },
  SESSION_TTL_SECONDS: { schema: z.coerce.number().int().min(60).default(30 * 24 * 3600), doc: 'Customer session lifetime.' },
  STAFF_SESSION_TTL_SECONDS: { schema: z.coerce.number().int().min(60).default(8 * 3600), doc: 'Staff session lifetime.' },
  OTP_LIMIT_PER_ADDRESS_PER_HOUR: { schema: z.coerce.number().int().min(1).optional(), doc: 'Sign-in codes one client address may ask for per hour, across phones (429 beyond). Default 10; 100000 under NODE_ENV=test.' },
  OTP_LIMIT_GLOBAL_PER_MINUTE: { schema: z.coerce.number().int().min(1).optional(), doc: 'Sign-in codes all clients together may ask for per minute (429 beyond): bounds the SMS bill. Default 1000; 100000 under NODE_ENV=test.' },
  STAFF_LOGIN_FAILURES_PER_ADDRESS: { schema: z.coerce.number().int().min(1).optional(), doc: 'Failed staff sign-ins one client address may make per 15 minutes before it is refused for the rest of them. Default 20; 100000 under NODE_ENV=test.' },
  STAFF_LOCKOUT_AFTER_FAILURES: { schema: z.coerce.number().int().min(1).optional(), doc: 'Failed sign-ins in a row that lock a staff email. Default 5; 100000 under NODE_ENV=test.' },
  STAFF_LOCKOUT_SECONDS: { schema: z.coerce.number().int().min(1).default(900), doc: 'The first lockout of a staff email; each further one within 24 hours doubles, up to 24 hours.' },
  PLAID_ENV: { schema: z.enum(['local', 'sandbox', 'production']).default('local'), doc: 'local = the bundled Plaid sandbox emulator; sandbox|production = Plaid itself.' },
  PLAID_CLIENT_ID: { schema: z.string().default('timely-local-client'), doc: 'Plaid client id (any value for local).' },
  PLAID_SECRET: { schema: z.string().default('timely-local-secret'), doc: 'Plaid secret (any value for local).' },
  PLAID_LOCAL_URL: { schema: z.string().url().default('http://127.0.0.1:4010'), doc: 'Base URL of the local Plaid sandbox (PLAID_ENV=local).' },
  PLAID_WEBHOOK_URL: { schema: z.string().url().optional(), doc: 'Where Plaid sends webhooks (our POST /v1/webhooks/plaid).' },
  PLAID_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).default(10000), doc: 'Per-request timeout towards Plaid.' },
  BUSINESS_CLOCK: { schema: z.enum(['wall', 'plaid-sandbox']).optional(), doc: 'Where business dates (today, notices, due and return dates) come from: wall = the UTC calendar date; plaid-sandbox = the local sandbox clock (GET /__sandbox/clock), so its time travel moves Timely too. Default plaid-sandbox with PLAID_ENV=local, else wall.' },
  TRANSFER_ESCALATE_AFTER_SECONDS: { schema: z.coerce.number().int().min(1).default(72 * 3600), doc: 'A transfer waiting for support (needs_attention) this long is escalated.' },
  TRANSFER_POLL_INTERVAL_SECONDS: { schema: z.coerce.number().int().min(1).default(900), doc: 'A transfer workflow re-reads stored Plaid events this often when no webhook nudges it.' },
  EVALUATE_INTERVAL: { schema: z.string().regex(/^\d+\s*(s|m|h|d)$/, 'must be a duration like 30m, 1h or 1d').default('1h'), doc: 'How often the evaluation sweep runs (Temporal Schedule).' },
  EVALUATE_THRESHOLD_CENTS: { schema: z.coerce.number().int().min(0).default(5000), doc: 'Low-balance threshold for customers who have not chosen their own.' },
  EVALUATE_SWEEP_PAGE_SIZE: { schema: z.coerce.number().int().min(1).max(5000).default(500), doc: 'Accounts per sweep page (one continue-as-new each).' },
  EVALUATE_SWEEP_FAN_OUT: { schema: z.coerce.number().int().min(1).max(1000).default(8), doc: 'Batches a sweep evaluates at once (each an activity); a page is cut evenly over them, at most 100 accounts each.' },
  TRANSFER_EVENT_SYNC_INTERVAL: { schema: z.string().regex(/^\d+\s*(s|m|h|d)$/, 'must be a duration like 30s or 5m').default('5m'), doc: 'How often Plaid transfer events are synced even without a webhook (Temporal Schedule).' },
  PLAID_SANDBOX_PORT: { schema: port.default(4010), doc: 'Port of the local Plaid sandbox process.' },
  PLAID_SANDBOX_DATABASE_URL: { schema: z.string().url().optional(), doc: 'Storage of the local Plaid sandbox (default: DATABASE_URL, schema plaid_sandbox).' },
  TOKEN_ENCRYPTION_KEY: { schema: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 32 bytes as 64 hex characters').optional(), doc: 'AES-256-GCM key for Plaid access tokens at rest. Required in production; dev generates one under .data/.' },
  APP_ORIGIN: { schema: z.string().url().transform((u) => new URL(u).origin).optional(), doc: "The web app's origin (e.g. https://app.timely.example), which unsafe requests must come from. Unset = the request's own origin; set it behind a TLS-terminating proxy." },
  WEB_DEV_SERVER: { schema: bool.default(false), doc: 'Serve the web app through a Vite dev server (HMR) in the API process instead of the built dist/web. Development only.' },
  TIMELY_DATA_DIR: { schema: z.string().optional(), doc: "Where `npm run dev` keeps its state (Temporal history, embedded PostgreSQL, dev-endpoints.json). Unset = .data/ in the repository." },
  TEMPORAL_DEV_PORT: { schema: port.default(7233), doc: 'Frontend (gRPC) port of the Temporal dev server `npm run dev` starts.' },
  TEMPORAL_DEV_UI_PORT: { schema: port.default(8233), doc: 'Web UI port of the Temporal dev server `npm run dev` starts.' },
  EMBEDDED_POSTGRES_PORT: { schema: port.default(5433), doc: 'Port of the embedded PostgreSQL `npm run dev` starts when no server answers on 127.0.0.1:5432.' },
  TIMELY_PARENT_PID: { schema: z.string().regex(/^\d+$/, 'must be a pid').optional(), doc: 'Set by `npm run dev` on the programs it starts: they stop when the launcher is gone, even killed.' },
} as const;

type EnvSchema = typeof ENV_SCHEMA;
export type Config = { [K in keyof EnvSchema]: z.output<EnvSchema[K]['schema']> };
export const ENV_VARS = Object.keys(ENV_SCHEMA) as (keyof EnvSchema)[];

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses every variable; collects every problem before throwing, so one run shows them all. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of ENV_VARS) {
    const raw = env[name] === '' ? undefined : env[name];
    const parsed = ENV_SCHEMA[name].schema.safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const cfg = out as Config;
  if (problems.length === 0) problems.push(...crossChecks(cfg));
  if (problems.length > 0) throw new ConfigError(problems);
  return cfg;
}

function crossChecks(cfg: Config): string[] {
  const p: string[] = [];
  const prod = cfg.NODE_ENV === 'production';
  if (prod && (cfg.OTP_PROVIDER ?? 'fake') === 'fake')
    p.push('OTP_PROVIDER: the fake SMS provider is refused in production; set OTP_PROVIDER=twilio');
  if (cfg.OTP_PROVIDER === 'twilio')
    for (const k of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const)
      if (!cfg[k]) p.push(`${k}: required when OTP_PROVIDER=twilio`);
  if (prod && cfg.PLAID_ENV === 'local') p.push('PLAID_ENV: the local Plaid sandbox is refused in production');
  if (cfg.BUSINESS_CLOCK === 'plaid-sandbox' && cfg.PLAID_ENV !== 'local') p.push('BUSINESS_CLOCK: plaid-sandbox follows the local sandbox clock and needs PLAID_ENV=local');
  if (prod && !cfg.TOKEN_ENCRYPTION_KEY) p.push('TOKEN_ENCRYPTION_KEY: required in production');
  p.push(...payloadKeyProblems(cfg));
  if (prod && cfg.WEB_DEV_SERVER) p.push('WEB_DEV_SERVER: the Vite dev server is for development; production serves the built dist/web');
  if (Boolean(cfg.TEMPORAL_TLS_CERT_PATH) !== Boolean(cfg.TEMPORAL_TLS_KEY_PATH))
    p.push('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH: set both or neither');
  return p;
}

/** The effective OTP provider: fake by default outside production. */
export function otpProvider(cfg: Config): 'fake' | 'twilio' {
  return cfg.OTP_PROVIDER ?? 'fake';
}

/** The abuse limits in force: the configured ones, or defaults that the test suite (which signs
 * in hundreds of customers and staff from 127.0.0.1) does not trip over. */
export function abuseLimits(cfg: Config) {
  const test = cfg.NODE_ENV === 'test';
  const dflt = (v: number | undefined, normal: number) => v ?? (test ? 100_000 : normal);
  return {
    otpPerAddressPerHour: dflt(cfg.OTP_LIMIT_PER_ADDRESS_PER_HOUR, 10),
    otpGlobalPerMinute: dflt(cfg.OTP_LIMIT_GLOBAL_PER_MINUTE, 1000),
    staffFailuresPerAddress: dflt(cfg.STAFF_LOGIN_FAILURES_PER_ADDRESS, 20),
    staffLockoutAfterFailures: dflt(cfg.STAFF_LOCKOUT_AFTER_FAILURES, 5),
    staffLockoutSeconds: cfg.STAFF_LOCKOUT_SECONDS,
  };
}

let cached: Config | undefined;
/** Process-wide config, parsed once. Tests that change env call resetConfigForTests(). */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
/** For a process's entry point: the config, or every problem on stderr and exit code 2. */
export function configOrExit(): Config {
  try {
    return config();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

export function resetConfigForTests(): void {
  cached = undefined;
}
