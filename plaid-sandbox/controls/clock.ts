/** The sandbox clock: read it, move it forward (persisted when it is the default wall-clock-plus-offset clock). */
import { Router } from 'express';
import { z } from 'zod';
import { isoDateTime, OffsetClock } from '../clock';
import type { SandboxDeps } from '../core/deps';
import { plaidError } from '../http/plaid-error';
import { putSetting } from '../store/settings';
import { control } from './control';

export const CLOCK_OFFSET_SETTING = 'clock_offset_ms';

export function clockControls(deps: SandboxDeps, afterAdvance: () => Promise<unknown>): Router {
  const r = Router();
  const show = () => ({ now: isoDateTime(deps.clock.now()), offset_ms: deps.clock.offsetMs() });

  r.get('/clock', control(z.object({}), async () => show()));

  r.post(
    '/clock/advance',
    control(
      z.strictObject({ seconds: z.number().min(0).optional(), minutes: z.number().min(0).optional(), hours: z.number().min(0).optional(), days: z.number().min(0).optional() }),
      async (b) => {
        const ms = ((b.days ?? 0) * 86400 + (b.hours ?? 0) * 3600 + (b.minutes ?? 0) * 60 + (b.seconds ?? 0)) * 1000;
        if (ms <= 0) throw plaidError('INVALID_FIELD', 'give seconds, minutes, hours or days greater than 0');
        deps.clock.advance(ms);
        if (deps.clock instanceof OffsetClock) await putSetting(deps.pool, CLOCK_OFFSET_SETTING, deps.clock.offsetMs());
        // Time moved: whatever became due (transfer lifecycle) happens now rather than at the next tick.
        await afterAdvance();
        return show();
      },
    ),
  );
  return r;
}
