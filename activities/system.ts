/** Activities that belong to no business module. */
import { activityInfo } from '@temporalio/activity';
import os from 'node:os';

export function systemActivities() {
  return {
    /** Proves an activity ran on a live worker (used by the worker's start-up check). */
    /** Does nothing (for `ms`, if given): the benchmarks' baseline activity, and a stand-in for slow work. */
    async noop(ms = 0): Promise<void> {
      if (ms > 0) await new Promise((r) => setTimeout(r, ms));
    },

    async echo(nonce: string): Promise<{ nonce: string; servedBy: string }> {
      return { nonce, servedBy: `${os.hostname()}/${process.pid}/${activityInfo().taskQueue}` };
    },
  };
}
