/**
 * All activities, built from their dependencies. Workflows import only the *type*
 * (`proxyActivities<Activities>`), so no I/O code reaches the workflow bundle.
 */
import { bankActivities } from './bank/activities';
import { systemActivities } from './system';

export function createActivities() {
  return {
    ...systemActivities(),
    ...bankActivities(),
  };
}

export type Activities = ReturnType<typeof createActivities>;
