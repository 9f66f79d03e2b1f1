/**
 * Transfer controls: run the automatic lifecycle now, set where TRANSFER_EVENTS_UPDATE goes, and
 * return a transfer as the customer's bank would, at any later status.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { SandboxDeps } from '../core/deps';
import { invalidField, plaidError } from '../http/plaid-error';
import { UUID_SHAPE } from '../ids';
import { presentTransfer } from '../present/transfer';
import { inTransaction } from '../store/db';
import { putSetting } from '../store/settings';
import { findTransfer } from '../store/transfers';
import { ACH_RETURN_DESCRIPTIONS, NSF_RETURN } from '../transfers/ach-returns';
import type { TransferClock } from '../transfers/auto-advance';
import { applyTransition, LATE_RETURNABLE } from '../transfers/lifecycle';
import { notifyTransferEvents } from '../transfers/notify';
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

  /**
   * An ACH return from the customer's bank, at any time after the transfer reached the network
   * (posted, settled or funds_available): Plaid's simulate allows it only from posted, but consumer
   * returns come up to 60 days after settlement. Appends the `returned` event with the return code,
   * reverses a settled entry on the customer's account and sends TRANSFER_EVENTS_UPDATE (and
   * SYNC_UPDATES_AVAILABLE when money moved back).
   */
  r.post(
    '/transfers/return',
    control(z.strictObject({ transfer_id: z.string().min(1), code: z.string().default(NSF_RETURN.code), webhook: z.url().optional() }), async (body) => {
      if (!ACH_RETURN_DESCRIPTIONS[body.code]) throw invalidField('code', `must be an ACH return code the sandbox knows: ${Object.keys(ACH_RETURN_DESCRIPTIONS).join(', ')}`);
      if (!UUID_SHAPE.test(body.transfer_id)) throw invalidField('transfer_id', 'does not match any transfer');
      const result = await inTransaction(deps.pool, async (db) => {
        const t = await findTransfer(db, body.transfer_id, { lock: 'wait' });
        if (!t) throw invalidField('transfer_id', 'does not match any transfer');
        if (!LATE_RETURNABLE.includes(t.status))
          throw plaidError('SANDBOX_TRANSFER_EVENT_TRANSITION_INVALID', `a ${t.status} transfer cannot be returned (only ${LATE_RETURNABLE.join(', ')})`);
        const r = await applyTransition(db, t, 'returned', deps.clock.now(), {
          originatorName: deps.originatorName,
          failure: { failure_code: body.code, description: ACH_RETURN_DESCRIPTIONS[body.code] },
        });
        return { itemId: t.item_id, booked: r.booked, eventId: r.eventId, returnedFrom: t.status };
      });
      await notifyTransferEvents(deps, [result], body.webhook);
      const after = (await findTransfer(deps.pool, body.transfer_id))!;
      return { transfer: presentTransfer(after), event_id: result.eventId, returned_from: result.returnedFrom, reversed: result.booked };
    }),
  );
  return r;
}
