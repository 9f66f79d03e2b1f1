/**
 * Starts `temporal server start-dev` as a child process, with Timely's search attributes
 * registered, and waits until its frontend answers gRPC. Used by `npm run dev` (state in a file
 * under .data/, UI on) and by the tests (in-memory, headless, random ports).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../platform/search-attributes';
import { signalGroup, stopProcess } from './dev/process-group';
import { resolveTemporalCli } from './temporal-cli';
import { waitFor } from './net';

export interface DevServerOptions {
  port: number;
  uiPort?: number; // undefined = headless
  /** the codec server the Web UI asks to decode payloads (`npm run dev`: the API's /codec) */
  uiCodecEndpoint?: string;
  dbFile?: string; // undefined = in memory
  /** the server's Prometheus /metrics port (undefined = a random one nobody reads) */
  metricsPort?: number;
  namespace?: string;
  logFile?: string;
  /** own process group, so a terminal's Ctrl-C does not stop it before the worker drains */
  detached?: boolean;
  /** called with the spawned process at once, before it is ready, so a launcher stopping mid-start can kill it */
  onSpawn?: (child: ChildProcess) => void;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  /** with `metricsPort`: the server's Prometheus metrics */
  metricsUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** last resort, synchronous: SIGKILL (to its process group when detached) */
  kill(): void;
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const bin = resolveTemporalCli();
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn'];
  args.push('--namespace', opts.namespace ?? 'default');
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort), ...(opts.uiCodecEndpoint ? ['--ui-codec-endpoint', opts.uiCodecEndpoint] : []));
  else args.push('--headless');
  if (opts.dbFile) {
    mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    // WAL + synchronous=OFF: the dev server's SQLite is the bottleneck on small machines.
    args.push('--db-filename', opts.dbFile, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF');
  }
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  // Eager activities, as deploy/ configures the clusters: a workflow task that schedules an activity
  // gets the activity task back in its answer (one trip through the task queue fewer per activity).
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');
  if (opts.metricsPort) args.push('--metrics-port', String(opts.metricsPort));

  let stdio: ('ignore' | number)[] = ['ignore', 'ignore', 'ignore'];
  if (opts.logFile) {
    mkdirSync(path.dirname(opts.logFile), { recursive: true });
    const fd = openSync(opts.logFile, 'a');
    stdio = ['ignore', fd, fd];
  }
  const child = spawn(bin, args, { stdio, detached: opts.detached ?? false });
  opts.onSpawn?.(child);
  const kill = () => (opts.detached ? signalGroup(child, 'SIGKILL') : child.kill('SIGKILL'));
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));

  const address = `127.0.0.1:${opts.port}`;
  await waitFor(
    `the Temporal dev server on ${address}`,
    async () => {
      if (exited) throw new Error(`temporal server ${exited}${opts.logFile ? `; see ${opts.logFile}` : ''}`);
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await conn.workflowService.getSystemInfo({});
        return true;
      } finally {
        await conn.close();
      }
    },
    60_000,
    300,
  ).catch((err) => {
    kill();
    throw new Error(exited ? `temporal server ${exited}${opts.logFile ? `; see ${opts.logFile}` : ''}` : err.message);
  });

  return {
    address,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    metricsUrl: opts.metricsPort ? `http://127.0.0.1:${opts.metricsPort}/metrics` : undefined,
    process: child,
    stop: () =>
      opts.detached
        ? stopProcess(child, { signal: 'SIGTERM', timeoutMs: 10_000 })
        : new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            child.kill('SIGTERM');
          }),
    kill,
  };
}
