/**
 * /sandbox/transfer/simulate: moves a transfer one step, if the step is allowed from its status
 * (pending->posted|failed, posted->settled|returned, settled->funds_available for debits);
 * otherwise SANDBOX_TRANSFER_EVENT_TRANSITION_INVALID. `returned` defaults to R01.
 */
import { z } from 'zod';
import type { SandboxDeps } from '../../core/deps';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { invalidField, plaidError } from '../../http/plaid-error';
import { requestSchema, webhookUrl } from '../../http/validation';
import { UUID_SHAPE } from '../../ids';
import { inTransaction } from '../../store/db';
import { findTransfer } from '../../store/transfers';
import { applyTransition, canApply, type TransferEvent } from '../../transfers/lifecycle';
import { notifyTransferEvents } from '../../transfers/notify';

const SIMULATABLE = ['posted', 'settled', 'funds_available', 'failed', 'returned'] as const;

const schema = requestSchema(
  {
    transfer_id: z.string().min(1),
    event_type: z.string().min(1),
    failure_reason: z.looseObject({ failure_code: z.string().nullish(), ach_return_code: z.string().nullish(), description: z.string().optional() }).nullish(),
    webhook: webhookUrl.optional(),
  },
  ['test_clock_id'],
);

export function simulateEndpoints(deps: SandboxDeps): Endpoint[] {
  return [
    endpoint('/sandbox/transfer/simulate', schema, async (body) => {
      if (!(SIMULATABLE as readonly string[]).includes(body.event_type))
        throw invalidField('event_type', `must be one of: ${SIMULATABLE.join(', ')}`);
      const event = body.event_type as TransferEvent;
      if (!UUID_SHAPE.test(body.transfer_id) || !(await findTransfer(deps.pool, body.transfer_id))) throw invalidField('transfer_id', 'does not match any transfer');
      const result = await inTransaction(deps.pool, async (db) => {
        const t = (await findTransfer(db, body.transfer_id, { lock: 'wait' }))!;
        if (!canApply(t, event) || event === 'cancelled') throw plaidError('SANDBOX_TRANSFER_EVENT_TRANSITION_INVALID');
        const code = body.failure_reason?.failure_code ?? body.failure_reason?.ach_return_code ?? null;
        const r = await applyTransition(db, t, event, deps.clock.now(), {
          originatorName: deps.originatorName,
          failure: body.failure_reason ? { failure_code: code, description: body.failure_reason.description || undefined } : undefined,
        });
        return { itemId: t.item_id, booked: r.booked };
      });
      await notifyTransferEvents(deps, [result], body.webhook);
      return {};
    }),
  ];
}
