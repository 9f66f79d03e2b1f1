/**
 * `npm run dev` as a process: a real launcher (`tsx scripts/dev.ts`) with its whole stack (Temporal
 * dev server, PostgreSQL, Plaid sandbox, worker, API), on free ports and its own data directory,
 * stopped each way a person or a machine stops it. Each way must leave no process and no
 * listening port behind within 20 s. Every process of a stack carries a marker in its environment,
 * so the test finds the whole tree (detached children included) by scanning /proc, and kills
 * whatever is left by pid even when a test fails.
 *
 * Slow by nature (one stack start per way, ~15 s each): kept to one start per case.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as OTPAuth from 'otpauth';
import { Client } from 'pg';
import { readDevEndpoints } from '../platform/dev-endpoints';
import { canConnect, freePort, waitFor } from './net';

jest.setTimeout(240_000);

const ROOT = path.join(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN = `${process.pid}${randomBytes(3).toString('hex')}`;
const MARKER_VAR = 'TIMELY_DEV_TEST_MARKER';

interface Stack {
  proc: ChildProcess;
  marker: string;
  dataDir: string;
  ports: Record<string, number>;
  /** launcher output, each line with the time it arrived */
  lines: { at: number; line: string }[];
  stderr: () => string;
  /**
   * Resolves once the launcher exited and its output pipes closed: every line it wrote has then
   * been read. Gone from the process table is earlier; a line written just before exit may not.
   */
  closed: Promise<void>;
  env: NodeJS.ProcessEnv;
}

const stacks: Stack[] = [];
const databases: string[] = [];

/** pids of every live process carrying the marker (the launcher, tsx, programs, servers, backends). */
function treeOf(marker: string): number[] {
  const needle = `${MARKER_VAR}=${marker}`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (env.split('\0').includes(needle) && !/\) Z /.test(stat)) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

async function listening(ports: number[]): Promise<number[]> {
  const open: number[] = [];
  for (const p of ports) if (await canConnect(p, '127.0.0.1', 300)) open.push(p);
  return open;
}

/** A clean environment (nothing of Jest's test stack leaks in: no NODE_ENV=test, no DATABASE_URL). */
function baseEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TEMPORAL_CLI', 'WORKFLOW_BUNDLE_PATH'];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k]) env[k] = process.env[k];
  return { ...env, LOG_LEVEL: 'info', ...extra };
}

async function startStack(opts: { embedded?: boolean } = {}): Promise<Stack> {
  const marker = `${RUN}-${stacks.length}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'timely-devtest-'));
  chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as `postgres`, which must reach it
  const names = ['PORT', 'PLAID_SANDBOX_PORT', 'METRICS_PORT', 'API_METRICS_PORT', 'TEMPORAL_DEV_PORT', 'TEMPORAL_DEV_UI_PORT', 'EMBEDDED_POSTGRES_PORT'];
  const ports: Record<string, number> = {};
  for (const n of names) {
    let p = await freePort();
    while (Object.values(ports).includes(p)) p = await freePort();
    ports[n] = p;
  }
  const extra: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    TIMELY_DATA_DIR: dataDir,
    // Else the programs would read (or create) the developer's .data/token-encryption-key.
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    [MARKER_VAR]: marker,
  };
  if (!opts.embedded) {
    // The shared server, but a database of our own (the launcher creates it), dropped afterwards.
    const name = `timely_devtest_${RUN}_${stacks.length}`;
    databases.push(name);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    extra.DATABASE_URL = u.toString();
  }
  const env = baseEnv(extra);
  // Its own process group, like a terminal's foreground job: signals go to the whole group.
  const proc = spawn(TSX, [path.join(ROOT, 'scripts', 'dev.ts'), ...(opts.embedded ? ['--embedded-postgres'] : [])], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Stack['lines'] = [];
  let partial = '';
  proc.stdout!.on('data', (b: Buffer) => {
    const parts = (partial + b.toString()).split('\n');
    partial = parts.pop()!;
    for (const line of parts) lines.push({ at: Date.now(), line });
  });
  proc.stdout!.on('error', () => undefined);
  let err = '';
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
  const stack: Stack = { proc, marker, dataDir, ports, lines, stderr: () => err, closed, env };
  stacks.push(stack);
  let exit: number | null | undefined;
  proc.once('exit', (code) => (exit = code));
  await waitFor('the launcher to print ready', async () => exit !== undefined || lines.some((l) => l.line.startsWith('Timely is running')), 180_000, 200);
  if (exit !== undefined) throw new Error(`launcher exited (${exit}) before ready:\n${err}\n${lines.slice(-20).map((l) => l.line).join('\n')}`);
  return stack;
}

/** After a stop: the whole tree gone and every port closed, within 20 s. Returns how long it took. */
async function expectAllGone(stack: Stack, since: number): Promise<number> {
  const ports = Object.values(stack.ports);
  await waitFor('the whole stack to be gone', async () => treeOf(stack.marker).length === 0 && (await listening(ports)).length === 0, 20_000, 250).catch(async () => {
    const left = treeOf(stack.marker).map((pid) => `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120)}`);
    throw new Error(`left behind after 20 s:\nprocesses:\n${left.join('\n')}\nports: ${(await listening(ports)).join(', ')}\nstderr:\n${stack.stderr()}`);
  });
  return Date.now() - since;
}

function killTree(marker: string): void {
  for (const pid of treeOf(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

afterAll(async () => {
  // Whatever a failed test left: by pid, found by marker; then the databases and directories.
  for (const s of stacks) killTree(s.marker);
  await new Promise((r) => setTimeout(r, 500));
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  for (const s of stacks) rmSync(s.dataDir, { recursive: true, force: true });
});

const groupSignal = (stack: Stack, signal: NodeJS.Signals) => process.kill(-stack.proc.pid!, signal);

describe('npm run dev stops cleanly, whatever stops it', () => {
  it('prints the app URL first and records its endpoints for the other commands', async () => {
    const stack = await startStack();
    const text = stack.lines.map((l) => l.line);
    const ready = text.findIndex((l) => l.startsWith('Timely is running'));
    expect(text[ready + 1]).toBe(`  Timely app      http://127.0.0.1:${stack.ports.PORT}/`);
    expect(readDevEndpoints(stack.dataDir)).toMatchObject({
      status: 'running',
      database: { url: stack.env.DATABASE_URL, source: 'DATABASE_URL' },
      temporal: { address: `127.0.0.1:${stack.ports.TEMPORAL_DEV_PORT}` },
      app: `http://127.0.0.1:${stack.ports.PORT}/`,
    });
    // The Temporal UI decodes payloads through the API's codec server (operators only).
    const ui = (await (await fetch(`http://127.0.0.1:${stack.ports.TEMPORAL_DEV_UI_PORT}/api/v1/settings`)).json()) as { Codec: { Endpoint: string } };
    expect(ui.Codec.Endpoint).toBe(`http://127.0.0.1:${stack.ports.PORT}/codec`);
    // Ctrl-C in a terminal: SIGINT to the foreground process group.
    const t = Date.now();
    groupSignal(stack, 'SIGINT');
    const took = await expectAllGone(stack, t);
    expect(readDevEndpoints(stack.dataDir)).toMatchObject({ status: 'stopped' });
    console.log(`SIGINT: all gone in ${took} ms`);
  });

  it('SIGHUP (the terminal closed) to the group', async () => {
    const stack = await startStack();
    const t = Date.now();
    groupSignal(stack, 'SIGHUP');
    console.log(`SIGHUP: all gone in ${await expectAllGone(stack, t)} ms`);
  });

  it('a closed stdout (`| tee` killed by the same Ctrl-C): the launcher survives EPIPE and still stops everything', async () => {
    const stack = await startStack();
    stack.proc.stdout!.destroy();
    const t = Date.now();
    groupSignal(stack, 'SIGINT');
    console.log(`closed stdout: all gone in ${await expectAllGone(stack, t)} ms`);
    // The launcher notices the closed pipe at its next line, which can be its last before exit.
    await stack.closed;
    expect(stack.stderr()).toContain('stdout closed');
  });

  it('the launcher killed outright (SIGKILL): its programs notice and exit, and the servers are stopped', async () => {
    const stack = await startStack();
    const launcher = readDevEndpoints(stack.dataDir)!.pid;
    const t = Date.now();
    process.kill(launcher, 'SIGKILL');
    console.log(`launcher SIGKILLed: all gone in ${await expectAllGone(stack, t)} ms`);
  });

  it('with the embedded PostgreSQL: `npm run staff -- create` reaches it (staff signs in), and SIGTERM to the group stops it last', async () => {
    const stack = await startStack({ embedded: true });
    expect(stack.env.DATABASE_URL).toBeUndefined();

    // The README's staff step, with DATABASE_URL unset, as in a second terminal.
    const { stdout, stderr } = await promisify(execFile)(TSX, [path.join(ROOT, 'scripts', 'staff.ts'), 'create', '--email', `ops.${RUN}@timely.example`, '--password', 'a-long-password-1', '--role', 'operator'], {
      cwd: ROOT,
      env: baseEnv({ TIMELY_DATA_DIR: stack.dataDir, [MARKER_VAR]: stack.marker }),
    });
    expect(stderr).toContain(`database: postgres://postgres:***@127.0.0.1:${stack.ports.EMBEDDED_POSTGRES_PORT}/timely (the running \`npm run dev\``);
    const staff = JSON.parse(stdout) as { email: string; totpSecret: string };
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(staff.totpSecret), digits: 6, period: 30 }).generate();
    const login = await fetch(`http://127.0.0.1:${stack.ports.PORT}/v1/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: staff.email, password: 'a-long-password-1', totp }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { token?: string }).token).toEqual(expect.any(String));

    // What `timeout`, a process manager or CI sends.
    const t = Date.now();
    groupSignal(stack, 'SIGTERM');
    console.log(`SIGTERM (embedded): all gone in ${await expectAllGone(stack, t)} ms`);
    const dev = stack.lines.filter((l) => l.line.startsWith('[dev]')).map((l) => l.line.replace(/^\[dev\]\s+/, ''));
    const order = ['api stopped', 'worker stopped', 'plaid-sandbox stopped', 'Temporal server stopped', 'PostgreSQL (embedded) stopped'].map((m) => dev.indexOf(m));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Nothing lost its database under it.
    expect(stack.lines.map((l) => l.line).join('\n')).not.toContain('terminating connection due to administrator command');

    // Stopped, the embedded database is not silently swapped for another: one line saying what to do.
    const after = await promisify(execFile)(TSX, [path.join(ROOT, 'scripts', 'staff.ts'), 'create', '--email', `late.${RUN}@timely.example`, '--password', 'a-long-password-1', '--role', 'operator'], {
      cwd: ROOT,
      env: baseEnv({ TIMELY_DATA_DIR: stack.dataDir }),
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(after.code).toBe(2);
    expect(after.stderr.trim()).toMatch(/^No database: .*`npm run dev -- --embedded-postgres`.*$/);
  });
});
