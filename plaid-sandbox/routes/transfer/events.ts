/** /transfer/event/list (filters, most recent first) and /transfer/event/sync (after_id, sequential event_id). */
import { z } from 'zod';
import type { SandboxDeps } from '../../core/deps';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { requestSchema } from '../../http/validation';
import { presentTransferEvent } from '../../present/transfer';
import { eventsAfter, listEvents } from '../../store/transfers';

const EVENT_TYPES = [
  'pending', 'cancelled', 'failed', 'posted', 'settled', 'funds_available', 'returned', 'swept', 'swept_settled', 'return_swept', 'sweep.pending',
  'sweep.posted', 'sweep.settled', 'sweep.returned', 'sweep.failed', 'sweep.funds_available', 'refund.pending', 'refund.cancelled', 'refund.failed',
  'refund.posted', 'refund.settled', 'refund.returned', 'refund.swept', 'refund.return_swept',
] as const;

const listSchema = requestSchema(
  {
    start_date: z.iso.datetime({ offset: true }).nullish(),
    end_date: z.iso.datetime({ offset: true }).nullish(),
    transfer_id: z.string().nullish(),
    account_id: z.string().nullish(),
    transfer_type: z.enum(['debit', 'credit']).nullish(),
    event_types: z.array(z.enum(EVENT_TYPES)).optional(),
    sweep_id: z.string().optional(),
    count: z.number().int().min(1).max(25).nullish(),
    offset: z.number().int().min(0).nullish(),
  },
  ['origination_account_id', 'originator_client_id', 'funding_account_id'],
);
const syncSchema = requestSchema({ after_id: z.number().int().min(0), count: z.number().int().min(1).max(500).nullish() });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function transferEventEndpoints(deps: SandboxDeps): Endpoint[] {
  return [
    endpoint('/transfer/event/list', listSchema, async (body) => {
      const count = body.count ?? 25;
      // The sandbox has no sweeps; an unknown transfer id matches nothing.
      if (body.sweep_id || (body.transfer_id && !UUID.test(body.transfer_id))) return { transfer_events: [], has_more: false };
      const rows = await listEvents(deps.pool, {
        start: body.start_date ? new Date(body.start_date) : null,
        end: body.end_date ? new Date(body.end_date) : null,
        transferId: body.transfer_id ?? null,
        accountId: body.account_id ?? null,
        type: body.transfer_type ?? null,
        eventTypes: body.event_types && body.event_types.length > 0 ? body.event_types : null,
        limit: count + 1,
        offset: body.offset ?? 0,
      });
      return { transfer_events: rows.slice(0, count).map(presentTransferEvent), has_more: rows.length > count };
    }),

    endpoint('/transfer/event/sync', syncSchema, async (body) => {
      const count = body.count ?? 100;
      const rows = await eventsAfter(deps.pool, body.after_id, count + 1);
      return { transfer_events: rows.slice(0, count).map(presentTransferEvent), has_more: rows.length > count };
    }),
  ];
}
