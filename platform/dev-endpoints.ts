/**
 * The endpoints of the running `npm run dev` (database, Temporal, API, Plaid sandbox), recorded by
 * the launcher in `<TIMELY_DATA_DIR or .data>/dev-endpoints.json`, so every other command on this
 * machine (staff, migrate, schedules, worker, api) reaches the same database and Temporal server
 * when DATABASE_URL / TEMPORAL_ADDRESS are unset. Without this, `npm run staff -- create` wrote to
 * the default database while the dev stack ran on its embedded one, and the staff member got 401.
 *
 * Production and test never read the file: there the environment says everything.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { logger } from './logger';

export const ENDPOINTS_FILE = 'dev-endpoints.json';
/** The server `npm run dev` prefers, and the DATABASE_URL default in platform/config.ts. */
export const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/timely';

export type DatabaseSource = 'DATABASE_URL' | 'local server' | 'embedded';

/** What the launcher writes; `status` and `pid` tell a reader whether it still holds. */
export interface DevEndpoints {
  version: 1;
  status: 'running' | 'stopped';
  /** the launcher's pid: a `running` record whose launcher is gone (killed) is stale */
  pid: number;
  startedAt: string;
  stoppedAt?: string;
  database: { url: string; source: DatabaseSource; dataDir?: string };
  temporal: { address: string; uiUrl?: string; namespace: string };
  /** the one URL a person opens (the web app, served by the API) */
  app: string;
  api: string;
  plaidSandbox?: string;
  /** pids of the servers that live in their own process groups, for a later clean-up */
  processes?: Record<string, number>;
}

/** Where `npm run dev` keeps its state: TIMELY_DATA_DIR, else `.data/` in the repository. */
export function devDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TIMELY_DATA_DIR || path.join(__dirname, '..', '.data'));
}

export function readDevEndpoints(dir: string): DevEndpoints | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dir, ENDPOINTS_FILE), 'utf8')) as DevEndpoints;
    return parsed?.version === 1 && parsed.database?.url ? parsed : undefined;
  } catch {
    return undefined; // absent or half-written by hand: as if no dev stack ever ran
  }
}

/** Atomic (write aside, then rename), so a reader never sees half a file. */
export function writeDevEndpoints(dir: string, endpoints: DevEndpoints): void {
  const file = path.join(dir, ENDPOINTS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(endpoints, null, 2)}\n`);
  renameSync(tmp, file);
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/** Running = recorded as running and its launcher is still alive (a SIGKILLed launcher leaves `running`). */
export function isRunning(e: DevEndpoints | undefined): e is DevEndpoints {
  return e?.status === 'running' && pidAlive(e.pid);
}

export const maskUrl = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

function tcpAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

export type Need = 'database' | 'temporal';

export interface Choice {
  variable: 'DATABASE_URL' | 'TEMPORAL_ADDRESS' | 'TEMPORAL_UI_URL' | 'PLAID_LOCAL_URL';
  value: string;
  why: string;
}

export type Resolution = { ok: true; choices: Choice[]; set: Record<string, string> } | { ok: false; error: string };

export interface ResolveOptions {
  needs: Need[];
  /** does a server answer on host:port (the local PostgreSQL)? injectable for tests */
  answers?: (host: string, port: number) => Promise<boolean>;
}

/**
 * Decides, without touching process.env, which database and Temporal a command uses and why.
 * Order: the variable when set; else the running `npm run dev`; else the local server on
 * 127.0.0.1:5432 (unless the last dev stack used its embedded PostgreSQL, which runs only with
 * it: writing elsewhere is the bug this prevents); else an error that says what to do.
 */
export async function resolveDevEnv(env: NodeJS.ProcessEnv, opts: ResolveOptions): Promise<Resolution> {
  const mode = env.NODE_ENV || 'development';
  const choices: Choice[] = [];
  const set: Record<string, string> = {};
  if (mode !== 'development') {
    // production and test: the environment (or the config defaults) decides; .data is never read.
    return { ok: true, choices, set };
  }
  const dir = devDataDir(env);
  const file = path.join(dir, ENDPOINTS_FILE);
  const recorded = readDevEndpoints(dir);
  const running = isRunning(recorded) ? recorded : undefined;
  const fromDev = running && `the running \`npm run dev\` (pid ${running.pid}, ${file})`;
  const choose = (variable: Choice['variable'], value: string, why: string) => {
    choices.push({ variable, value, why });
    if (!env[variable]) set[variable] = value;
  };

  if (opts.needs.includes('database')) {
    if (env.DATABASE_URL) choose('DATABASE_URL', env.DATABASE_URL, 'DATABASE_URL is set');
    else if (running) choose('DATABASE_URL', running.database.url, `${fromDev}, ${running.database.source}`);
    else {
      const embeddedDir = recorded?.database.source === 'embedded' ? (recorded.database.dataDir ?? path.join(dir, 'postgres')) : undefined;
      if (embeddedDir)
        return {
          ok: false,
          error: `No database: DATABASE_URL is unset and \`npm run dev\` is not running; it last used its embedded PostgreSQL (${embeddedDir}), which runs only with it. Start \`npm run dev -- --embedded-postgres\` in another terminal, or set DATABASE_URL.`,
        };
      const local = new URL(LOCAL_DATABASE_URL);
      if (await (opts.answers ?? tcpAnswers)(local.hostname, Number(local.port)))
        choose('DATABASE_URL', LOCAL_DATABASE_URL, `the local server on ${local.host} (DATABASE_URL unset, no \`npm run dev\` running)`);
      else if (existsSync(path.join(dir, 'postgres', 'PG_VERSION')))
        return {
          ok: false,
          error: `No database: DATABASE_URL is unset, \`npm run dev\` is not running and nothing answers on ${local.host}; the embedded PostgreSQL in ${path.join(dir, 'postgres')} runs only with \`npm run dev\`. Start \`npm run dev\` in another terminal, or set DATABASE_URL.`,
        };
      else
        return {
          ok: false,
          error: `No database: DATABASE_URL is unset, \`npm run dev\` is not running and nothing answers on ${local.host}. Start \`npm run dev\` in another terminal (it starts an embedded PostgreSQL), start PostgreSQL, or set DATABASE_URL.`,
        };
    }
  }

  if (opts.needs.includes('temporal')) {
    if (env.TEMPORAL_ADDRESS) choose('TEMPORAL_ADDRESS', env.TEMPORAL_ADDRESS, 'TEMPORAL_ADDRESS is set');
    else if (running) {
      choose('TEMPORAL_ADDRESS', running.temporal.address, fromDev!);
      // Links in staff answers and the local Plaid sandbox follow the same stack (ports may differ).
      if (running.temporal.uiUrl && !env.TEMPORAL_UI_URL) set.TEMPORAL_UI_URL = running.temporal.uiUrl;
      if (running.plaidSandbox && !env.PLAID_LOCAL_URL) set.PLAID_LOCAL_URL = running.plaidSandbox;
    } else choose('TEMPORAL_ADDRESS', '127.0.0.1:7233', 'the default (TEMPORAL_ADDRESS unset, no `npm run dev` running)');
  }
  return { ok: true, choices, set };
}

export interface UseOptions {
  /** how to report the choices; default: one structured log line each (the programs' logger) */
  report?: (choice: Choice) => void;
}

/**
 * For a command's entry point, before it reads its configuration: fills DATABASE_URL (and the
 * Temporal address) from the running dev stack when unset, reports what it used and why, or prints
 * one line saying what to do and exits 2 (as configOrExit does for a wrong variable).
 */
export async function useDevEndpoints(needs: Need[], opts: UseOptions = {}): Promise<void> {
  const r = await resolveDevEnv(process.env, { needs });
  if (!r.ok) {
    process.stderr.write(`${r.error}\n`);
    process.exit(2);
  }
  Object.assign(process.env, r.set);
  const report =
    opts.report ??
    ((c: Choice) =>
      logger.info({ [c.variable]: maskUrl(c.value), why: c.why }, `${c.variable === 'DATABASE_URL' ? 'database' : 'Temporal'}: ${maskUrl(c.value)}`));
  for (const c of r.choices) report(c);
}
