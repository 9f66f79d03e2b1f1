/**
 * `npm run dev`: the whole system on one machine, on embedded defaults.
 * Temporal dev server + Web UI (state in .data/temporal.db), PostgreSQL (see dev/postgres.ts),
 * migrations, the local Plaid sandbox, the worker and the API (serving the web app with hot
 * reload); prints every URL when ready and records them in .data/dev-endpoints.json, where
 * `npm run staff|migrate|schedules|worker|api` find the same database and Temporal server.
 *
 * It always cleans up: SIGINT, SIGTERM and SIGHUP stop the programs in order (API, worker, Plaid
 * sandbox, Temporal, PostgreSQL last); a closed stdout does not kill it first; its last-resort kill
 * reaches each program's whole process group; and if it is killed outright, its programs notice
 * (dev/watch-parent.cjs) and the next start stops what is left (dev/leftovers.ts).
 * TIMELY_DATA_DIR moves .data/; TEMPORAL_DEV_PORT, TEMPORAL_DEV_UI_PORT, EMBEDDED_POSTGRES_PORT,
 * PORT, PLAID_SANDBOX_PORT, METRICS_PORT and API_METRICS_PORT move the ports.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { migrate } from '../db/migrate';
import { Config, ConfigError, loadConfig } from '../platform/config';
import { devDataDir, DevEndpoints, ENDPOINTS_FILE, maskUrl, writeDevEndpoints } from '../platform/dev-endpoints';
import { DevChild, startChild } from './dev/child';
import { stopLeftovers } from './dev/leftovers';
import { launcherOutput } from './dev/output';
import { devDatabase, DevDatabase } from './dev/postgres';
import { signalGroup, stopProcess } from './dev/process-group';
import { isPortFree, waitFor } from './net';
import { resolveTemporalCli } from './temporal-cli';
import { DevServer, startDevServer } from './temporal-dev-server';

const ROOT = path.join(__dirname, '..');
const DATA = devDataDir();
const TAG = '[dev]'.padEnd(16);

let stopping = false;
const output = launcherOutput((code) => {
  output.err(`${TAG}stdout closed (${code}); stopping everything`);
  void stopAll(0);
});
const say = (msg: string) => output.out(`${TAG}${msg}`);
const complain = (msg: string) => output.err(`${TAG}${msg}`);

// What is running, filled in as things start; the Temporal server and PostgreSQL as soon as they
// are spawned, so a stop during start-up reaches them too.
const children: DevChild[] = [];
let temporalProc: ChildProcess | undefined;
let pgProc: ChildProcess | undefined;
let db: DevDatabase | undefined;
let endpoints: DevEndpoints | undefined;

// Stops, in order, what this launcher started if it is killed outright (see dev/reaper.cjs).
const reaper = spawn(process.execPath, [path.join(__dirname, 'dev', 'reaper.cjs')], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
reaper.stdin!.on('error', () => undefined);
reaper.unref();
const watch = (name: string, proc: ChildProcess | undefined) => proc?.pid && reaper.stdin!.write(`${name} ${proc.pid}\n`);

function markStopped(): void {
  if (!endpoints || endpoints.status === 'stopped') return;
  endpoints = { ...endpoints, status: 'stopped', stoppedAt: new Date().toISOString() };
  try {
    writeDevEndpoints(DATA, endpoints);
  } catch {
    // .data removed under us: nothing left to mark
  }
}

/** In order: the API (no new work), the worker (finishes in-flight activities), the sandbox, Temporal, PostgreSQL. */
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  for (const name of ['api', 'worker', 'plaid-sandbox']) {
    const child = children.find((c) => c.name === name);
    if (!child) continue;
    await child.stop();
    say(`${name} stopped`);
  }
  if (temporalProc) {
    await stopProcess(temporalProc, { signal: 'SIGTERM', timeoutMs: 10_000 });
    say('Temporal server stopped');
  }
  markStopped();
  if (pgProc) {
    await stopProcess(pgProc, { signal: 'SIGINT', timeoutMs: 15_000 });
    say('PostgreSQL (embedded) stopped');
  }
  say('stopped');
  reaper.stdin!.end('done\n');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => (stopping ? say(`${signal}: already stopping`) : void stopAll(0)));
process.on('uncaughtException', (err) => {
  complain(`unexpected error: ${err.stack ?? err.message}`);
  void stopAll(1);
});
process.on('unhandledRejection', (err) => {
  complain(`unexpected error: ${(err as Error)?.stack ?? String(err)}`);
  void stopAll(1);
});
// Last resort, if the launcher exits without stopping (process.exit elsewhere): leave no program behind.
process.on('exit', () => {
  for (const c of children) c.kill();
  if (temporalProc) signalGroup(temporalProc, 'SIGKILL');
  db?.kill();
  markStopped();
});

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    complain(err.message);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const cfg = configOrExit();
  const forceEmbedded = process.argv.includes('--embedded-postgres');
  mkdirSync(DATA, { recursive: true });
  await stopLeftovers(DATA, say);

  const ports: [string, number][] = [
    ['Temporal frontend', cfg.TEMPORAL_DEV_PORT],
    ['Temporal UI', cfg.TEMPORAL_DEV_UI_PORT],
    ['API', cfg.PORT],
    ['Plaid sandbox', cfg.PLAID_SANDBOX_PORT],
    ['worker metrics', cfg.METRICS_PORT],
    ['API metrics', cfg.API_METRICS_PORT],
    ...(forceEmbedded ? [['embedded PostgreSQL', cfg.EMBEDDED_POSTGRES_PORT] as [string, number]] : []),
  ];
  const busy = [];
  for (const [what, port] of ports) if (port && !(await isPortFree(port))) busy.push(`${what} port ${port}`);
  if (busy.length) {
    complain(
      `Cannot start: ${busy.join(', ')} already in use. Is \`npm run dev\` already running? Stop it, or set PORT / PLAID_SANDBOX_PORT / METRICS_PORT / API_METRICS_PORT / TEMPORAL_DEV_PORT / TEMPORAL_DEV_UI_PORT / EMBEDDED_POSTGRES_PORT.`,
    );
    process.exit(1);
  }

  say('provisioning the Temporal CLI...');
  resolveTemporalCli();
  let server: DevServer;
  [db, server] = await Promise.all([
    devDatabase(DATA, { forceEmbedded, embeddedPort: cfg.EMBEDDED_POSTGRES_PORT, onSpawn: (p) => watch('postgres', (pgProc = p)) }),
    startDevServer({
      port: cfg.TEMPORAL_DEV_PORT,
      uiPort: cfg.TEMPORAL_DEV_UI_PORT,
      // Payloads are encrypted: the UI decodes them through the API's codec server, for operators.
      uiCodecEndpoint: `http://127.0.0.1:${cfg.PORT}/codec`,
      namespace: cfg.TEMPORAL_NAMESPACE,
      dbFile: path.join(DATA, 'temporal.db'),
      logFile: path.join(DATA, 'temporal.log'),
      detached: true,
      onSpawn: (p) => watch('temporal', (temporalProc = p)),
    }),
  ]);
  if (stopping) return;
  say(`PostgreSQL: ${db.source}${db.dataDir ? ` (data in ${db.dataDir}, ${maskUrl(db.url)})` : ''}`);
  const pool = new Pool({ connectionString: db.url, max: 1 });
  const applied = await migrate(pool).finally(() => pool.end());
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database is up to date');
  if (stopping) return;

  const api = `http://127.0.0.1:${cfg.PORT}`;
  const plaidSandbox = cfg.PLAID_ENV === 'local' ? `http://127.0.0.1:${cfg.PLAID_SANDBOX_PORT}` : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_UI_URL: server.uiUrl,
    PLAID_LOCAL_URL: plaidSandbox ?? process.env.PLAID_LOCAL_URL,
    PLAID_WEBHOOK_URL: process.env.PLAID_WEBHOOK_URL ?? `${api}/v1/webhooks/plaid`,
  };
  const onExit = (name: string, code: number | null, signal: NodeJS.Signals | null) => {
    complain(`${name} exited (${signal ?? code}); stopping everything`);
    void stopAll(1);
  };
  // Ready means the worker polls too, not only the API answering: a workflow started earlier waits.
  // Its "worker polling" line says so (not logged above LOG_LEVEL=info: then the API alone counts).
  let workerPolling = !['info', 'debug', 'trace'].includes(cfg.LOG_LEVEL);
  const program = (name: string, entry: string, extra: NodeJS.ProcessEnv = {}) => {
    const print = (line: string) => {
      if (name === 'worker' && line.includes('"worker polling"')) workerPolling = true;
      output.out(line);
    };
    const child = startChild(name, path.join(ROOT, entry), { ...env, TIMELY_SERVICE: name, ...extra }, print, onExit);
    children.push(child);
    watch(name, child.proc);
  };
  if (plaidSandbox) program('plaid-sandbox', 'plaid-sandbox/main.ts');
  program('worker', 'worker/main.ts');
  // The API serves the web app through Vite's middleware, with hot reload.
  program('api', 'api/main.ts', { WEB_DEV_SERVER: 'true' });

  const processes: Record<string, number> = {};
  for (const c of children) if (c.proc.pid) processes[c.name] = c.proc.pid;
  if (temporalProc?.pid) processes.temporal = temporalProc.pid;
  if (pgProc?.pid) processes.postgres = pgProc.pid;
  endpoints = {
    version: 1,
    status: 'running',
    pid: process.pid,
    startedAt: new Date(started).toISOString(),
    database: { url: db.url, source: db.source, ...(db.dataDir ? { dataDir: db.dataDir } : {}) },
    temporal: { address: server.address, uiUrl: server.uiUrl, namespace: cfg.TEMPORAL_NAMESPACE },
    app: `${api}/`,
    api,
    ...(plaidSandbox ? { plaidSandbox } : {}),
    processes,
  };
  writeDevEndpoints(DATA, endpoints);

  await waitFor('the API to be ready and the worker polling', async () => stopping || (workerPolling && (await fetch(`${api}/readyz`)).ok), 180_000, 300);
  if (stopping) return;
  const lines = [
    `Timely is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s). Ctrl-C stops everything.`,
    `  Timely app      ${api}/`,
    `  Support console ${api}/console`,
    `  API             ${api}          (ready: ${api}/readyz)`,
    `  API docs        ${api}/docs`,
    `  Temporal UI     ${server.uiUrl}   (payloads decode for an operator signed in to the console; in the UI's codec settings tick "include cross-origin credentials")`,
    `  Temporal gRPC   ${server.address}`,
    ...(plaidSandbox ? [`  Plaid sandbox   ${plaidSandbox}`] : []),
    ...(cfg.API_METRICS_PORT ? [`  API metrics     http://127.0.0.1:${cfg.API_METRICS_PORT}/metrics`] : []),
    ...(cfg.METRICS_PORT ? [`  Worker metrics  http://127.0.0.1:${cfg.METRICS_PORT}/metrics`] : []),
    `  PostgreSQL      ${maskUrl(db.url)}   (${db.source})`,
    `  Endpoints file  ${path.join(DATA, ENDPOINTS_FILE)}   (npm run staff, migrate, schedules, worker and api use it)`,
  ];
  output.out(`\n${lines.join('\n')}\n`);
}

main().catch(async (err) => {
  if (stopping) return;
  complain((err as Error).message);
  await stopAll(1);
});
