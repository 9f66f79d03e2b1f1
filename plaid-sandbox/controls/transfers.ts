/** Transfer controls: run the automatic lifecycle now, set where TRANSFER_EVENTS_UPDATE goes. */
import { Router } from 'express';
import { z } from 'zod';
import type { SandboxDeps } from '../core/deps';
import { putSetting } from '../store/settings';
import type { TransferClock } from '../transfers/auto-advance';
import { control } from './control';

export const TRANSFER_WEBHOOK_SETTING = 'transfer_webhook_url';

export function transferControls(deps: SandboxDeps, clock: TransferClock): Router {
  const r = Router();
  /** Moves every transfer whose next step is due on the sandbox clock (even when the automatic clock is off). */
  r.post('/transfers/advance', control(z.object({}), async () => ({ steps: await clock.advanceDue(), timing: clock.timing })));
  r.post(
    '/transfers/webhook',
    control(z.strictObject({ url: z.url().nullable() }), async (b) => {
      await putSetting(deps.pool, TRANSFER_WEBHOOK_SETTING, b.url);
      return { url: b.url };
    }),
  );
  return r;
}
