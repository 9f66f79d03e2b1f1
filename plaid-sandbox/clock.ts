/**
 * The sandbox's notion of "now". Token expiry, authorization expiry, transaction dates of new
 * items and the automatic transfer lifecycle all read it, so a test or a developer can move time
 * forward (POST /__sandbox/clock/advance) instead of waiting. Time never moves backwards.
 */
export interface SandboxClock {
  now(): Date;
  /** Moves the clock forward by ms (>= 0). */
  advance(ms: number): void;
  /** How far this clock runs ahead of the wall clock, for display and persistence. */
  offsetMs(): number;
}

/** Wall clock plus an offset; the default. The offset is persisted so it survives a restart. */
export class OffsetClock implements SandboxClock {
  constructor(private offset = 0) {}
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('the sandbox clock only moves forward');
    this.offset += ms;
  }
  offsetMs(): number {
    return this.offset;
  }
  /** Restores a persisted offset (never moves backwards). */
  restore(offset: number): void {
    if (offset > this.offset) this.offset = offset;
  }
}

/** A clock that stands still until advanced: deterministic tests. */
export class ManualClock implements SandboxClock {
  private t: number;
  constructor(start: Date | string = '2025-03-14T15:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('the sandbox clock only moves forward');
    this.t += ms;
  }
  offsetMs(): number {
    return this.t - Date.now();
  }
}

/** YYYY-MM-DD of a Date in UTC (the sandbox's bank keeps its books in UTC). */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Date-time as Plaid prints it: ISO 8601 in UTC without milliseconds. */
export function isoDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}
