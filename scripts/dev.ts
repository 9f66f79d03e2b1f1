/**
 * `npm run dev`: the whole system on one machine, on embedded defaults.
 * Temporal dev server + Web UI (state in .data/temporal.db), PostgreSQL (see dev/postgres.ts),
 * migrations, the local Plaid sandbox, the worker and the API; prints every URL when ready.
 * Ctrl-C stops everything; a busy port is reported instead of hanging.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { migrate } from '../db/migrate';
import { loadConfig } from '../platform/config';
import { startChild, DevChild } from './dev/child';
import { devDatabase, DevDatabase } from './dev/postgres';
import { isPortFree, waitFor } from './net';
import { resolveTemporalCli } from './temporal-cli';
import { DevServer, startDevServer } from './temporal-dev-server';

const ROOT = path.join(__dirname, '..');
const DATA = path.join(ROOT, '.data');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const say = (msg: string) => process.stdout.write(`[dev]           ${msg}\n`);


async function main(): Promise<void> {
  const started = Date.now();
  const cfg = loadConfig();
  const temporalPort = 7233;
  const uiPort = 8233;
  const forceEmbedded = process.argv.includes('--embedded-postgres');
  const ports: [string, number][] = [
    ['Temporal frontend', temporalPort],
    ['Temporal UI', uiPort],
    ['API', cfg.PORT],
    ['Plaid sandbox', cfg.PLAID_SANDBOX_PORT],
    ['worker metrics', cfg.METRICS_PORT],
    ['API metrics', cfg.API_METRICS_PORT],
  ];
  const busy = [];
  for (const [what, port] of ports) if (port && !(await isPortFree(port))) busy.push(`${what} port ${port}`);
  if (busy.length) {
    process.stderr.write(`Cannot start: ${busy.join(', ')} already in use. Is \`npm run dev\` already running? Stop it, or set PORT / PLAID_SANDBOX_PORT / METRICS_PORT.\n`);
    process.exit(1);
  }
  mkdirSync(DATA, { recursive: true });

  const children: DevChild[] = [];
  let db: DevDatabase | undefined;
  let temporal: DevServer | undefined;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping...');
    // API first (no new work), then the worker (finishes in-flight activities), then the servers.
    for (const name of ['api', 'worker', 'plaid-sandbox']) await children.find((c) => c.name === name)?.stop();
    await temporal?.stop();
    await db?.stop();
    say('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  // Last resort if the launcher itself dies: leave no orphan behind.
  process.once('exit', () => {
    for (const c of children) c.proc.kill('SIGKILL');
    temporal?.process.kill('SIGKILL');
  });

  try {
    say('provisioning the Temporal CLI...');
    resolveTemporalCli();
    const [database, server] = await Promise.all([
      devDatabase(DATA, { forceEmbedded }),
      startDevServer({ port: temporalPort, uiPort, dbFile: path.join(DATA, 'temporal.db'), logFile: path.join(DATA, 'temporal.log'), detached: true }),
    ]);
    db = database;
    temporal = server;
    say(`PostgreSQL: ${db.source}${db.source === 'embedded' ? ` (data in .data/postgres, ${db.url.replace(/:[^:@/]+@/, ':***@')})` : ''}`);
    const pool = new Pool({ connectionString: db.url, max: 1 });
    const applied = await migrate(pool).finally(() => pool.end());
    say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database is up to date');

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_UI_URL: server.uiUrl,
      PLAID_LOCAL_URL: `http://127.0.0.1:${cfg.PLAID_SANDBOX_PORT}`,
      PLAID_WEBHOOK_URL: process.env.PLAID_WEBHOOK_URL ?? `http://127.0.0.1:${cfg.PORT}/v1/webhooks/plaid`,
    };
    const onExit = (name: string, code: number | null) => {
      process.stderr.write(`[dev]           ${name} exited (${code}); stopping everything\n`);
      void stopAll(1);
    };
    if (cfg.PLAID_ENV === 'local') children.push(startChild('plaid-sandbox', TSX, [path.join(ROOT, 'plaid-sandbox', 'main.ts')], { ...env, TIMELY_SERVICE: 'plaid-sandbox' }, onExit));
    children.push(startChild('worker', TSX, [path.join(ROOT, 'worker', 'main.ts')], { ...env, TIMELY_SERVICE: 'worker' }, onExit));
    children.push(startChild('api', TSX, [path.join(ROOT, 'api', 'main.ts')], { ...env, TIMELY_SERVICE: 'api' }, onExit));

    const api = `http://127.0.0.1:${cfg.PORT}`;
    await waitFor('the API to be ready', async () => (await fetch(`${api}/readyz`)).ok, 120_000, 300);
    const lines = [
      `Timely is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s). Ctrl-C stops everything.`,
      `  API             ${api}          (ready: ${api}/readyz)`,
      `  API docs        ${api}/docs`,
      `  Temporal UI     ${server.uiUrl}`,
      `  Temporal gRPC   ${server.address}`,
      ...(cfg.PLAID_ENV === 'local' ? [`  Plaid sandbox   http://127.0.0.1:${cfg.PLAID_SANDBOX_PORT}`] : []),
      ...(cfg.API_METRICS_PORT ? [`  API metrics     http://127.0.0.1:${cfg.API_METRICS_PORT}/metrics`] : []),
      ...(cfg.METRICS_PORT ? [`  Worker metrics  http://127.0.0.1:${cfg.METRICS_PORT}/metrics`] : []),
      `  PostgreSQL      ${db.url.replace(/:[^:@/]+@/, ':***@')}   (${db.source})`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
  } catch (err) {
    process.stderr.write(`[dev]           ${(err as Error).message}\n`);
    await stopAll(1);
  }
}

void main();
