/**
 * Runs one of the dev system's Node programs (API, worker, Plaid sandbox) with its output prefixed
 * by its name.
 *
 * `node --import tsx`, not the `tsx` command: tsx's CLI runs the program in a child process of its
 * own, so a signal or a kill meant for the program would reach only the wrapper. The program is
 * spawned detached (its own process group: a terminal's Ctrl-C reaches only the launcher, which
 * stops things in order) with watch-parent.cjs preloaded and a stdin pipe that closes when the
 * launcher dies, so it stops even if the launcher is killed outright.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { signalGroup, stopProcess } from './process-group';

const ROOT = path.join(__dirname, '..', '..');
const WATCH_PARENT = path.join(__dirname, 'watch-parent.cjs');

export interface DevChild {
  name: string;
  proc: ChildProcess;
  /** SIGTERM to the program, SIGKILL to its group after timeoutMs */
  stop(timeoutMs?: number): Promise<void>;
  /** last resort, synchronous (for the launcher's 'exit'): SIGKILL to the whole group */
  kill(): void;
}

export function startChild(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
  onExit: (name: string, code: number | null, signal: NodeJS.Signals | null) => void,
): DevChild {
  const proc = spawn(process.execPath, ['--import', 'tsx', '--require', WATCH_PARENT, entry], {
    cwd: ROOT,
    env: { ...env, TIMELY_PARENT_PID: String(process.pid) },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  // Never written; it exists to close when the launcher dies. A program that exits first makes
  // the pipe's end error (EPIPE) on our side: nothing to do.
  proc.stdin!.on('error', () => undefined);
  const tag = `[${name}]`.padEnd(16);
  for (const stream of [proc.stdout!, proc.stderr!]) readline.createInterface({ input: stream }).on('line', (line) => print(`${tag}${line}`));
  let stopping = false;
  proc.once('exit', (code, signal) => {
    if (!stopping) onExit(name, code, signal);
  });
  return {
    name,
    proc,
    stop(timeoutMs = 15_000) {
      stopping = true;
      return stopProcess(proc, { signal: 'SIGTERM', timeoutMs });
    },
    kill() {
      stopping = true;
      signalGroup(proc, 'SIGKILL');
    },
  };
}
