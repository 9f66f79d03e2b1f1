/**
 * All activities, built from their dependencies. Workflows import only the *type*
 * (`proxyActivities<Activities>`), so no I/O code reaches the workflow bundle.
 */
import { systemActivities } from './system';

export function createActivities() {
  return {
    ...systemActivities(),
  };
}

export type Activities = ReturnType<typeof createActivities>;
