/**
 * How a command (staff, migrate, schedules, worker, api) picks its database and Temporal server
 * when DATABASE_URL / TEMPORAL_ADDRESS are unset (platform/dev-endpoints.ts), and how database
 * errors are summarized for logs (db/pg-error.ts). The launcher writing the file for real is
 * covered by scripts/dev.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { pgErrorSummary } from '../db/pg-error';
import { DevEndpoints, LOCAL_DATABASE_URL, readDevEndpoints, resolveDevEnv, writeDevEndpoints } from '../platform/dev-endpoints';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'timely-endpoints-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const record = (over: Partial<DevEndpoints> = {}): DevEndpoints => ({
  version: 1,
  status: 'running',
  pid: process.pid, // alive: this test process stands in for the launcher
  startedAt: new Date().toISOString(),
  database: { url: 'postgres://postgres:postgres@127.0.0.1:45433/timely', source: 'embedded' },
  temporal: { address: '127.0.0.1:47233', uiUrl: 'http://127.0.0.1:48233', namespace: 'default' },
  app: 'http://127.0.0.1:43000/',
  api: 'http://127.0.0.1:43000',
  plaidSandbox: 'http://127.0.0.1:44010',
  ...over,
});
const dev = (dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ NODE_ENV: 'development', TIMELY_DATA_DIR: dir, ...extra });
const serverUp = async () => true;
const serverDown = async () => false;
const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default: never a live process

describe('which database and Temporal a command uses', () => {
  it('uses the running dev stack when DATABASE_URL and TEMPORAL_ADDRESS are unset, and says why', async () => {
    const dir = tmp();
    writeDevEndpoints(dir, record());
    const r = await resolveDevEnv(dev(dir), { needs: ['database', 'temporal'], answers: serverDown });
    expect(r).toMatchObject({
      ok: true,
      set: {
        DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:45433/timely',
        TEMPORAL_ADDRESS: '127.0.0.1:47233',
        TEMPORAL_UI_URL: 'http://127.0.0.1:48233',
        PLAID_LOCAL_URL: 'http://127.0.0.1:44010',
      },
    });
    if (!r.ok) throw new Error('unreachable');
    expect(r.choices.map((c) => c.why)).toEqual([expect.stringContaining('the running `npm run dev`'), expect.stringContaining('the running `npm run dev`')]);
  });

  it('leaves variables that are set alone, and says they were set', async () => {
    const dir = tmp();
    writeDevEndpoints(dir, record());
    const r = await resolveDevEnv(dev(dir, { DATABASE_URL: 'postgres://x@db.example:5432/mine', TEMPORAL_ADDRESS: 'temporal.example:7233' }), { needs: ['database', 'temporal'] });
    expect(r).toMatchObject({ ok: true, set: {} });
    if (r.ok) expect(r.choices.map((c) => c.why)).toEqual(['DATABASE_URL is set', 'TEMPORAL_ADDRESS is set']);
  });

  it('ignores a record whose launcher is gone (killed) or that was stopped, and falls back to the local server', async () => {
    for (const stale of [record({ pid: deadPid, database: { url: 'postgres://a@127.0.0.1:1/x', source: 'local server' } }), record({ status: 'stopped', database: { url: 'postgres://a@127.0.0.1:1/x', source: 'DATABASE_URL' } })]) {
      const dir = tmp();
      writeDevEndpoints(dir, stale);
      const r = await resolveDevEnv(dev(dir), { needs: ['database', 'temporal'], answers: serverUp });
      expect(r).toMatchObject({ ok: true, set: { DATABASE_URL: LOCAL_DATABASE_URL, TEMPORAL_ADDRESS: '127.0.0.1:7233' } });
    }
  });

  it('does not fall back to another server when the last dev stack used its embedded PostgreSQL, now stopped', async () => {
    const dir = tmp();
    writeDevEndpoints(dir, record({ status: 'stopped' }));
    const r = await resolveDevEnv(dev(dir), { needs: ['database'], answers: serverUp });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^No database: .*embedded PostgreSQL.*npm run dev -- --embedded-postgres.*DATABASE_URL/) });
    if (!r.ok) expect(r.error).not.toContain('\n');
  });

  it('fails in one line saying what to do when nothing answers', async () => {
    const dir = tmp();
    const r = await resolveDevEnv(dev(dir), { needs: ['database'], answers: serverDown });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^No database: DATABASE_URL is unset, `npm run dev` is not running and nothing answers on 127\.0\.0\.1:5432\. Start `npm run dev`.*set DATABASE_URL\.$/) });
    // An embedded data directory without a running stack: the message names it.
    mkdirSync(path.join(dir, 'postgres'));
    writeFileSync(path.join(dir, 'postgres', 'PG_VERSION'), '17\n');
    const r2 = await resolveDevEnv(dev(dir), { needs: ['database'], answers: serverDown });
    expect(r2).toMatchObject({ ok: false, error: expect.stringContaining(path.join(dir, 'postgres')) });
  });

  it('never reads .data in production or test, nor probes for a server', async () => {
    const dir = tmp();
    writeDevEndpoints(dir, record());
    for (const NODE_ENV of ['production', 'test']) {
      const answers = jest.fn(serverUp);
      const r = await resolveDevEnv({ NODE_ENV, TIMELY_DATA_DIR: dir }, { needs: ['database', 'temporal'], answers });
      expect(r).toEqual({ ok: true, choices: [], set: {} });
      expect(answers).not.toHaveBeenCalled();
    }
  });

  it('writes the file atomically and reads back only what it wrote', () => {
    const dir = tmp();
    expect(readDevEndpoints(dir)).toBeUndefined();
    writeDevEndpoints(dir, record());
    expect(readDevEndpoints(dir)).toEqual(record({ startedAt: readDevEndpoints(dir)!.startedAt }));
    writeFileSync(path.join(dir, 'dev-endpoints.json'), '{"half": ');
    expect(readDevEndpoints(dir)).toBeUndefined();
  });
});

describe('database errors in logs', () => {
  it('an idle client dropped by the server is logged as message, code and severity, not as the pg Client', async () => {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    const caught = new Promise<Error>((resolve) => pool.once('error', resolve));
    const client = await pool.connect();
    const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    client.release(); // idle in the pool, as when a server stops under a running program
    const admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();
    const err = await caught;
    expect((err as Error & { client?: unknown }).client).toBeDefined(); // what made each line ~5 kB
    const summary = pgErrorSummary(err);
    expect(summary).toEqual({ type: 'DatabaseError', message: 'terminating connection due to administrator command', code: '57P01', severity: 'FATAL' });
    expect(JSON.stringify(summary).length).toBeLessThan(200);
    await pool.end();
  });

  it('names the query where there is one', () => {
    const err = Object.assign(new Error('relation "nope" does not exist'), { code: '42P01', severity: 'ERROR', query: { name: 'load-account', text: 'SELECT * FROM nope' } });
    expect(pgErrorSummary(err)).toEqual({ type: 'Error', message: 'relation "nope" does not exist', code: '42P01', severity: 'ERROR', query: 'load-account' });
  });
});
