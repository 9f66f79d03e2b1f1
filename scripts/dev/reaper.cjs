/**
 * The dev launcher's undertaker: stops what a killed launcher (SIGKILL) left running, in the
 * launcher's own order, programs first and PostgreSQL last. The Node programs notice their
 * launcher's death themselves (watch-parent.cjs); the Temporal server and PostgreSQL cannot.
 *
 * Spawned detached (no terminal signal reaches it) with a stdin pipe the launcher writes to:
 * "<name> <pid>" for each process group it starts, "done" once it has stopped them itself. When
 * stdin closes without "done", the launcher is gone: signal each group, wait, SIGKILL stragglers.
 * Plain JavaScript so it starts in a blink and needs no loader.
 */
'use strict';
const readline = require('node:readline');

const ORDER = ['api', 'worker', 'plaid-sandbox', 'temporal', 'postgres'];
const groups = new Map();
let done = false;

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
};
const signal = (pid, sig) => {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // gone
    }
  }
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function stopInOrder() {
  for (const name of ORDER) {
    const pid = groups.get(name);
    if (!pid || !alive(pid)) continue;
    // PostgreSQL: fast shutdown (SIGINT); the others stop cleanly on SIGTERM.
    signal(pid, name === 'postgres' ? 'SIGINT' : 'SIGTERM');
    const deadline = Date.now() + 15000;
    while (alive(pid) && Date.now() < deadline) await sleep(100);
    signal(pid, 'SIGKILL');
  }
}

readline
  .createInterface({ input: process.stdin })
  .on('line', (line) => {
    const [name, pid] = line.trim().split(/\s+/);
    if (name === 'done') done = true;
    else if (ORDER.includes(name) && Number(pid) > 0) groups.set(name, Number(pid));
  })
  .on('close', () => {
    if (done) process.exit(0);
    stopInOrder().finally(() => process.exit(0));
  });
