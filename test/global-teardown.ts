/** Stops the Temporal dev server and drops the per-run database created in global-setup. */
import type { EphemeralEnv } from '../scripts/ephemeral-env';

export default async function globalTeardown(): Promise<void> {
  await ((globalThis as Record<string, unknown>).__timelyTest as EphemeralEnv | undefined)?.stop();
}
