/**
 * The automatic transfer lifecycle (our addition; in Plaid's Sandbox nothing moves until
 * simulated). When enabled, transfers move on the sandbox clock:
 *   pending --postAfter--> posted --settleAfter--> settled --fundsAvailableAfter--> funds_available (debits)
 * and a debit whose account cannot cover it at settlement comes back `returned` with R01, as the
 * customer's bank would return it. Steps are dated when they fell due, so advancing the clock by
 * days replays the whole lifecycle with realistic timestamps.
 * Safe with several sandbox processes on one database (row locks, SKIP LOCKED).
 */
import type { SandboxDeps } from '../core/deps';
import { findAccount } from '../store/accounts';
import { inTransaction } from '../store/db';
import { dueTransfers, findTransfer, type TransferRow } from '../store/transfers';
import { NSF_RETURN } from './ach-returns';
import { applyTransition, type TransferEvent } from './lifecycle';
import { notifyTransferEvents, type TouchedItem } from './notify';

export interface TransferClockOptions {
  enabled: boolean;
  /** Delays in ms of the sandbox clock (defaults: 5 s, 15 s, 30 s: a lifecycle watchable in dev). */
  postAfterMs?: number;
  settleAfterMs?: number;
  fundsAvailableAfterMs?: number;
  /** How often the wall-clock ticker looks for due transfers (default 1 s). */
  tickMs?: number;
}

type Timing = Required<Omit<TransferClockOptions, 'enabled' | 'tickMs'>>;

export const DEFAULT_TIMING: Timing = { postAfterMs: 5_000, settleAfterMs: 15_000, fundsAvailableAfterMs: 30_000 };

/** The next automatic step of a transfer and when it falls due, or null when it is done. */
function nextStep(t: TransferRow, timing: Timing): { event: Exclude<TransferEvent, 'returned' | 'failed' | 'cancelled'>; due: Date } | null {
  const since = t.status_changed_at.getTime();
  if (t.status === 'pending') return { event: 'posted', due: new Date(since + timing.postAfterMs) };
  if (t.status === 'posted') return { event: 'settled', due: new Date(since + timing.settleAfterMs) };
  if (t.status === 'settled' && t.type === 'debit') return { event: 'funds_available', due: new Date(since + timing.fundsAvailableAfterMs) };
  return null;
}

export class TransferClock {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  readonly timing: Timing;

  constructor(
    private readonly deps: SandboxDeps,
    private readonly opts: TransferClockOptions,
  ) {
    this.timing = { ...DEFAULT_TIMING, ...Object.fromEntries(Object.entries(opts).filter(([k, v]) => k in DEFAULT_TIMING && v !== undefined)) };
  }

  start(): void {
    if (!this.opts.enabled || this.timer) return;
    this.timer = setInterval(() => {
      this.advanceDue().catch((err) => this.deps.log.warn({ err }, 'plaid sandbox transfer clock tick failed'));
    }, this.opts.tickMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Moves every due transfer as far as the clock allows; returns the number of steps taken. */
  advanceDue(): Promise<number> {
    // One pass at a time per process; a caller arriving mid-pass waits for it and then runs its own.
    const run = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.pass());
    this.running = run;
    return run;
  }

  private async pass(): Promise<number> {
    const now = this.deps.clock.now();
    const t = this.timing;
    let steps = 0;
    const touched: TouchedItem[] = [];
    for (;;) {
      const ids = await dueTransfers(
        this.deps.pool,
        { pending: new Date(now.getTime() - t.postAfterMs), posted: new Date(now.getTime() - t.settleAfterMs), settled: new Date(now.getTime() - t.fundsAvailableAfterMs) },
        200,
      );
      if (ids.length === 0) break;
      let progressed = 0;
      for (const id of ids) {
        const r = await inTransaction(this.deps.pool, (db) => this.catchUp(db, id, now));
        if (r.steps > 0) {
          progressed += r.steps;
          touched.push({ itemId: r.itemId, booked: r.booked });
        }
      }
      steps += progressed;
      if (progressed === 0) break; // rows locked by another process: it will move them
    }
    await notifyTransferEvents(this.deps, touched);
    return steps;
  }

  /** Applies every step of one transfer that is due by `now`, in order. */
  private async catchUp(db: Parameters<typeof applyTransition>[0], id: string, now: Date): Promise<{ steps: number; itemId: string; booked: boolean }> {
    let transfer = await findTransfer(db, id, { lock: 'skip' });
    if (!transfer) return { steps: 0, itemId: '', booked: false };
    const itemId = transfer.item_id;
    let steps = 0;
    let booked = false;
    for (let step = nextStep(transfer, this.timing); step && step.due <= now; step = nextStep(transfer, this.timing)) {
      let event: TransferEvent = step.event;
      if (event === 'settled' && transfer.type === 'debit') {
        // The customer's bank returns a debit it cannot cover.
        const account = await findAccount(db, transfer.account_id, { lock: true });
        const funds = account?.available_cents ?? account?.current_cents ?? 0;
        if (funds < transfer.amount_cents) event = 'returned';
      }
      const r = await applyTransition(db, transfer, event, step.due, { originatorName: this.deps.originatorName, failure: event === 'returned' ? { failure_code: NSF_RETURN.code, description: NSF_RETURN.description } : undefined });
      booked ||= r.booked;
      steps++;
      transfer = (await findTransfer(db, id))!;
    }
    return { steps, itemId, booked };
  }
}
