/**
 * Plaid's TRANSFER_EVENTS_UPDATE webhook carries no ids: read /transfer/event/sync from the highest
 * event_id stored, record each event once (event_id is the primary key), advance the cursor in the
 * same transaction, then tell each affected transfer's workflow that events are stored.
 * Run by the transferEventSync workflow (on each webhook, and on a schedule for missed ones).
 */
import type { TransferEvent } from 'plaid';
import { withTransaction } from '../../db/pool';
import type { BankDeps } from '../bank/deps';
import { plaidErrorInfo, toActivityFailure } from '../bank/plaid-errors';
import { recordReturnEvent } from './returns';

const PAGE = 500;

export interface SyncedBatch {
  recorded: number;
  workflowIds: string[];
  hasMore: boolean;
  lastEventId: number;
  /** The `returned` events of this page (each gets a return workflow). */
  returnEventIds: number[];
}

/** One page: fetch after the stored cursor, store, advance. The row lock serializes concurrent syncs. */
export async function syncTransferEventsPage(deps: BankDeps): Promise<SyncedBatch> {
  return withTransaction(async (c) => {
    const after = Number((await c.query('SELECT last_event_id FROM transfers.event_cursor FOR UPDATE')).rows[0].last_event_id);
    let events: TransferEvent[];
    let hasMore: boolean;
    try {
      const { data } = await deps.plaid.transferEventSync({ after_id: after, count: PAGE });
      events = data.transfer_events;
      hasMore = data.has_more ?? events.length === PAGE;
    } catch (err) {
      throw plaidErrorInfo(err) ? toActivityFailure(err) : err;
    }
    let recorded = 0;
    let last = after;
    const returnEventIds: number[] = [];
    for (const e of events) {
      const r = await c.query(
        `INSERT INTO transfers.plaid_events (event_id, plaid_transfer_id, event_type, timestamp, failure_code, failure_reason, raw)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
        [e.event_id, e.transfer_id, e.event_type, e.timestamp, e.failure_reason?.failure_code ?? e.failure_reason?.ach_return_code ?? null, e.failure_reason?.description ?? null, JSON.stringify(e)],
      );
      recorded += r.rowCount ?? 0;
      // A return at any time gets its own workflow (./returns.ts), started after this commit.
      if (e.event_type === 'returned') {
        returnEventIds.push(e.event_id);
        await recordReturnEvent(c, { eventId: e.event_id, plaidTransferId: e.transfer_id, returnCode: e.failure_reason?.failure_code ?? e.failure_reason?.ach_return_code ?? null });
      }
      last = Math.max(last, e.event_id);
    }
    await c.query('UPDATE transfers.event_cursor SET last_event_id = $1', [last]);
    const ids = [...new Set(events.map((e) => e.transfer_id))];
    const { rows } = ids.length
      ? await c.query(
          `SELECT DISTINCT t.workflow_id FROM transfers.attempts a JOIN transfers.transfers t ON t.id = a.transfer_id WHERE a.plaid_transfer_id = ANY($1)`,
          [ids],
        )
      : { rows: [] as { workflow_id: string }[] };
    return { recorded, workflowIds: rows.map((r) => r.workflow_id), hasMore, lastEventId: last, returnEventIds };
  }, deps.pool);
}
