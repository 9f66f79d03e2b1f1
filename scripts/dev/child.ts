/** Runs one of the dev system's processes with its output prefixed by its name. */
import { ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';

export interface DevChild {
  name: string;
  proc: ChildProcess;
  stop(timeoutMs?: number): Promise<void>;
}

export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, onExit: (name: string, code: number | null) => void): DevChild {
  // Own process group: a terminal's Ctrl-C reaches only the launcher, which stops the processes in
  // order (API, then worker, then servers) instead of all at once.
  const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const tag = `[${name}]`.padEnd(16);
  for (const stream of [proc.stdout!, proc.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${tag}${line}\n`));
  }
  let stopping = false;
  proc.once('exit', (code) => {
    if (!stopping) onExit(name, code);
  });
  return {
    name,
    proc,
    stop(timeoutMs = 15_000) {
      stopping = true;
      return new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const t = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        proc.kill('SIGTERM');
      });
    },
  };
}
