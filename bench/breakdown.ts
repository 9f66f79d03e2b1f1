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

/**
 * Where a continued-as-new workflow's time went, over all its runs: each activity type's mean wait
 * for a worker (scheduled -> started) and its mean run (started -> completed), and the runs' total.
 */
export async function runsBreakdown(client: Client, workflowId: string): Promise<string> {
  const runs: string[] = [];
  for await (const w of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(w.runId);
  const byType = new Map<string, { wait: number; run: number; n: number }>();
  let total = 0;
  // Each run's wait before its first workflow task and its time after it. The server makes a run
  // wait when the run before it lived less than history.workflowIdReuseMinimalInterval (1 s): for
  // the rest of that second, but as a timer task, which fires no sooner than about 1 s after the
  // timer queue last read (history.timerProcessorMaxTimeShift). So a run that took 0.9 s is
  // followed by a wait of up to 1 s, not 0.1 s (RESULTS, issue 15, ninth session).
  const perRun: string[] = [];
  // BENCH_TIMELINE=1: each run's workflow tasks and activities, ms from the run's start (where a
  // page's critical path waits: bench/RESULTS.md, issue 15, ninth session).
  const timeline: string[] = [];
  const showTimeline = Boolean(process.env.BENCH_TIMELINE);
  for (const runId of runs) {
    const h = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = h.events ?? [];
    const startedAt = ms(events[0]?.eventTime);
    const endedAt = ms(events[events.length - 1]?.eventTime);
    const firstTaskAt = ms(events.find((e) => e.workflowTaskScheduledEventAttributes)?.eventTime);
    total += endedAt - startedAt;
    perRun.push(`${(firstTaskAt - startedAt).toFixed(0)}+${(endedAt - firstTaskAt).toFixed(0)}`);
    const scheduled = new Map<string, { type: string; at: number; startedAt?: number }>();
    const at = (e: (typeof events)[number]) => `+${(ms(e.eventTime) - startedAt).toFixed(0)}`;
    if (showTimeline) timeline.push(`  run ${runId}:`);
    for (const e of events) {
      if (showTimeline) {
        if (e.workflowTaskScheduledEventAttributes) timeline.push(`    workflow task scheduled ${at(e)}`);
        if (e.workflowTaskStartedEventAttributes) timeline.push(`    workflow task started   ${at(e)}`);
        if (e.workflowTaskCompletedEventAttributes) timeline.push(`    workflow task completed ${at(e)}`);
      }
      const s = e.activityTaskScheduledEventAttributes;
      if (s) scheduled.set(String(e.eventId), { type: s.activityType?.name ?? '?', at: ms(e.eventTime) });
      const st = e.activityTaskStartedEventAttributes;
      if (st) {
        const from = scheduled.get(String(st.scheduledEventId));
        if (from) from.startedAt = ms(e.eventTime);
      }
      const c = e.activityTaskCompletedEventAttributes;
      if (c) {
        const from = scheduled.get(String(c.scheduledEventId));
        if (!from?.startedAt) continue;
        if (showTimeline) timeline.push(`    ${from.type} scheduled +${(from.at - startedAt).toFixed(0)}, waited ${(from.startedAt - from.at).toFixed(0)}, ran ${(ms(e.eventTime) - from.startedAt).toFixed(0)}`);
        const cur = byType.get(from.type) ?? { wait: 0, run: 0, n: 0 };
        cur.wait += from.startedAt - from.at;
        cur.run += ms(e.eventTime) - from.startedAt;
        cur.n += 1;
        byType.set(from.type, cur);
      }
    }
  }
  return [
    `  ${runs.length} runs, ${(total / 1000).toFixed(1)} s from each run's first event to its last, summed`,
    `  each run, newest first: wait before its first workflow task + the rest, ms: ${perRun.join(', ')}`,
    ...[...byType].map(([type, t]) => `  ${type.padEnd(24)} waited ${(t.wait / t.n).toFixed(0).padStart(5)} ms, ran ${(t.run / t.n).toFixed(0).padStart(5)} ms (means of ${t.n})`),
    ...timeline,
  ].join('\n');
}
