/**
 * Stopping a program the dev launcher started, program and all. Each is spawned detached, so it
 * leads a process group of its own: a terminal's Ctrl-C reaches only the launcher (which stops
 * things in order), and the last-resort kill can reach every process the program started (Vite's
 * esbuild, PostgreSQL's backends) by signalling the group, `process.kill(-pid)`.
 */
import { ChildProcess } from 'node:child_process';

export const hasExited = (proc: ChildProcess): boolean => proc.exitCode !== null || proc.signalCode !== null;

/** Signals the child's whole process group; the child alone if it leads none. Never throws. */
export function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (!proc.pid) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    try {
      proc.kill(signal);
    } catch {
      // already gone
    }
  }
}

export interface StopOptions {
  /** what asks the program to stop cleanly: SIGTERM for ours, SIGINT for PostgreSQL (fast shutdown) */
  signal?: NodeJS.Signals;
  /** then SIGKILL to the whole group */
  timeoutMs?: number;
}

/**
 * Asks the program to stop, waits for it, kills its group if it takes longer than timeoutMs, and
 * sweeps the group once the program is gone so nothing it started outlives it.
 */
export function stopProcess(proc: ChildProcess, opts: StopOptions = {}): Promise<void> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      signalGroup(proc, 'SIGKILL');
      resolve();
    };
    if (hasExited(proc)) return done();
    timer = setTimeout(() => signalGroup(proc, 'SIGKILL'), opts.timeoutMs ?? 15_000);
    proc.once('exit', done);
    try {
      proc.kill(opts.signal ?? 'SIGTERM');
    } catch {
      done();
    }
  });
}
