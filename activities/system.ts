/** Activities that belong to no business module. */
import { activityInfo } from '@temporalio/activity';
import os from 'node:os';

export function systemActivities() {
  return {
    /** Proves an activity ran on a live worker (used by the worker's start-up check). */
    /** Does nothing: the benchmarks' baseline activity. */
    async noop(): Promise<void> {},

    async echo(nonce: string): Promise<{ nonce: string; servedBy: string }> {
      return { nonce, servedBy: `${os.hostname()}/${process.pid}/${activityInfo().taskQueue}` };
    },
  };
}
