/** Where a workflow's time goes: mean scheduled->completed time per activity type, from histories. */
import type { Client } from '@temporalio/client';

const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => (t ? Number(t.seconds) * 1000 + (t.nanos ?? 0) / 1e6 : 0);

export async function activityBreakdown(client: Client, workflowIds: string[]): Promise<string> {
  const totals = new Map<string, { sum: number; n: number }>();
  for (const id of workflowIds) {
    const h = await client.workflow.getHandle(id).fetchHistory();
    const scheduled = new Map<string, { type: string; at: number }>();
    for (const e of h.events ?? []) {
      const s = e.activityTaskScheduledEventAttributes;
      if (s) scheduled.set(String(e.eventId), { type: s.activityType?.name ?? '?', at: ms(e.eventTime) });
      const c = e.activityTaskCompletedEventAttributes;
      if (c) {
        const from = scheduled.get(String(c.scheduledEventId));
        if (!from) continue;
        const cur = totals.get(from.type) ?? { sum: 0, n: 0 };
        cur.sum += ms(e.eventTime) - from.at;
        cur.n += 1;
        totals.set(from.type, cur);
      }
      const m = e.markerRecordedEventAttributes;
      if (m) {
        const cur = totals.get('(local activities)') ?? { sum: 0, n: 0 };
        cur.n += 1;
        totals.set('(local activities)', cur);
      }
    }
  }
  return [...totals.entries()]
    .map(([type, { sum, n }]) => `  ${type.padEnd(26)} ${n ? (sum / n).toFixed(0).padStart(6) : '     -'} ms mean (scheduled -> completed), ${n} samples`)
    .join('\n');
}
