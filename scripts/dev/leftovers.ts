/**
 * What a launcher killed outright (SIGKILL) leaves behind. Its Node programs exit on their own
 * (watch-parent.cjs), but the Temporal server and the embedded PostgreSQL do not watch it; they
 * would hold their ports and make the next `npm run dev` refuse to start. The endpoints file still
 * says `running` with the dead launcher's pid and names them: stop them before starting again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DevEndpoints, pidAlive, readDevEndpoints, writeDevEndpoints } from '../../platform/dev-endpoints';
import { waitFor } from '../net';

/** Still that program, not a reused pid: its command line names it (where /proc tells). */
function looksLike(pid: number, name: string): boolean {
  const file = `/proc/${pid}/cmdline`;
  if (!existsSync(file)) return true;
  try {
    return readFileSync(file, 'utf8').includes(name);
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig); // each was its own process group's leader
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // gone
    }
  }
}

export async function stopLeftovers(dataDir: string, say: (line: string) => void): Promise<void> {
  const rec = readDevEndpoints(dataDir);
  if (!rec || rec.status !== 'running' || pidAlive(rec.pid)) return;
  // Programs first, the database last, as a clean stop would have done.
  const order = ['api', 'worker', 'plaid-sandbox', 'temporal', 'postgres'];
  const left = Object.entries(rec.processes ?? {})
    .filter(([name, pid]) => pidAlive(pid) && looksLike(pid, name))
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  for (const [name, pid] of left) {
    say(`a previous \`npm run dev\` (pid ${rec.pid}) was killed; stopping the ${name} it left running (pid ${pid})`);
    signal(pid, name === 'postgres' ? 'SIGINT' : 'SIGTERM');
    await waitFor(`${name} (pid ${pid}) to stop`, async () => !pidAlive(pid), 15_000, 200).catch(() => signal(pid, 'SIGKILL'));
  }
  const stopped: DevEndpoints = { ...rec, status: 'stopped', stoppedAt: new Date().toISOString() };
  writeDevEndpoints(dataDir, stopped);
}
