/**
 * All activities, built from their dependencies. Workflows import only the *type*
 * (`proxyActivities<Activities>`), so no I/O code reaches the workflow bundle.
 */
import { accountActivities } from './accounts/activities';
import { bankActivities } from './bank/activities';
import { bureauActivities } from './bureau/activities';
import { evaluateActivities } from './evaluate/activities';
import { underwritingActivities } from './underwriting/activities';
import { systemActivities } from './system';
import { transferActivities } from './transfers/activities';

export function createActivities() {
  return {
    ...systemActivities(),
    ...accountActivities(),
    ...bankActivities(),
    ...bureauActivities(),
    ...underwritingActivities(),
    ...transferActivities(),
    ...evaluateActivities(),
  };
}

export type Activities = ReturnType<typeof createActivities>;
