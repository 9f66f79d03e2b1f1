/**
 * A real worker in its own OS process (`worker/main.ts`), so crash tests can SIGKILL it mid-run and
 * start another, exactly as a pod dies and is replaced.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.join(__dirname, '..', '..');

export interface WorkerProcess {
  proc: ChildProcess;
  /** log lines seen so far (JSON strings) */
  lines: string[];
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startWorkerProcess(env: NodeJS.ProcessEnv, opts: { nodeArgs?: string[] } = {}): Promise<WorkerProcess> {
  // One process (node with tsx's loader), not tsx's wrapper + child: SIGKILL must hit the worker itself.
  // nodeArgs: flags Node refuses in NODE_OPTIONS, such as the benchmarks' --cpu-prof.
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, 'worker', 'main.ts')], {
    cwd: ROOT,
    // Schedules are shared by the whole dev server: a test's worker must not re-point them at its queue.
    env: { ...process.env, LOG_LEVEL: 'info', METRICS_PORT: '0', TIMELY_SERVICE: 'worker', WORKER_MANAGES_SCHEDULES: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  for (const s of [proc.stdout!, proc.stderr!])
    readline.createInterface({ input: s }).on('line', (l) => {
      lines.push(l);
      for (const w of waiters) w();
    });
  const wp: WorkerProcess = {
    proc,
    lines,
    waitForLine(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = lines.find(match);
          if (hit) {
            waiters.delete(check);
            clearTimeout(t);
            resolve(hit);
          }
        };
        const t = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`worker process: no matching log line within ${timeoutMs} ms; last lines:\n${lines.slice(-10).join('\n')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    kill(signal = 'SIGKILL') {
      return new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      });
    },
  };
  // Starting node + tsx + the worker takes ~15 s on the shared 2-core machine when it is busy.
  await wp.waitForLine((l) => l.includes('"worker polling"') || l.includes('worker polling'), 90_000);
  return wp;
}
