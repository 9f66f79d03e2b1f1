/**
 * A CPU profile of one phase of a benchmark (the measured run, not the seeding or the baseline),
 * of this process's main thread, when BENCH_CPU_PROF_DIR is set: written to
 * <dir>/<name>.cpuprofile for bench/profile-summary.ts. Without the setting it costs nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

export async function startPhaseProfile(name: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (!dir) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    process.stderr.write(`profile of ${name}: ${file}\n`);
  };
}
