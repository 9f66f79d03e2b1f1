/**
 * CPU time by process over one phase of a benchmark, read from /proc (Linux; user + system time of
 * every thread): where a ratio's cost goes, process by process, measured rather than sampled. A
 * CPU profile cannot tell this: on a busy 2-core machine its samples count a thread descheduled in
 * a socket write (PostgreSQL woken up and running) as time spent in that write.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Each group's processes, listed when asked (PostgreSQL's backends come and go). */
export type ProcessGroups = Record<string, () => number[]>;

function ticksOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined; // gone
  }
}

/** Every running PostgreSQL server process (postmaster, backends, background workers). */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

function snapshot(groups: ProcessGroups): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const [group, pids] of Object.entries(groups)) {
    const byPid = new Map<number, number>();
    for (const pid of pids()) {
      const t = ticksOf(pid);
      if (t !== undefined) byPid.set(pid, t);
    }
    out.set(group, byPid);
  }
  return out;
}

/**
 * Starts measuring; `stop()` answers each group's CPU seconds since. A process started meanwhile
 * counts whole; one that ended meanwhile (a short-lived autovacuum worker) is missed.
 */
export function startCpuMeter(groups: ProcessGroups): { stop(): Record<string, number> } {
  const before = snapshot(groups);
  return {
    stop() {
      const after = snapshot(groups);
      const seconds: Record<string, number> = {};
      for (const [group, byPid] of after) {
        let ticks = 0;
        for (const [pid, t] of byPid) ticks += t - (before.get(group)?.get(pid) ?? 0);
        seconds[group] = ticks / TICKS_PER_SECOND;
      }
      return seconds;
    },
  };
}

/** `label: group 1.23 s, ... = total 4.56 s (per unit: ...)`, per unit in ms when `units` is given. */
export function formatCpu(label: string, seconds: Record<string, number>, units?: { count: number; name: string }): string {
  const total = Object.values(seconds).reduce((a, b) => a + b, 0);
  const parts = Object.entries(seconds).map(([g, s]) => `${g} ${s.toFixed(2)} s`);
  const per = units
    ? `; per ${units.name}: ${Object.entries(seconds)
        .map(([g, s]) => `${g} ${((1000 * s) / units.count).toFixed(1)} ms`)
        .join(', ')}, total ${((1000 * total) / units.count).toFixed(1)} ms`
    : '';
  return `${label}: ${parts.join(', ')} = ${total.toFixed(2)} s of CPU${per}`;
}
