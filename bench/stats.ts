/** Latency percentiles and throughput for the benchmarks. */
export interface Summary {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(latenciesMs: number[], wallMs: number): Summary {
  const s = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
  return {
    count: s.length,
    seconds: wallMs / 1000,
    perSecond: s.length / (wallMs / 1000),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: s[s.length - 1] ?? 0,
  };
}

export function formatSummary(name: string, s: Summary): string {
  return `${name.padEnd(28)} n=${s.count}  ${s.perSecond.toFixed(1)}/s  wall ${s.seconds.toFixed(1)} s  p50 ${s.p50.toFixed(0)} ms  p95 ${s.p95.toFixed(0)} ms  p99 ${s.p99.toFixed(0)} ms  max ${s.max.toFixed(0)} ms`;
}

/** Runs fn over items with at most `limit` in flight; reports progress on stderr. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>, label?: string): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const step = Math.max(1, Math.floor(items.length / 10));
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        out[i] = await fn(items[i], i);
        done += 1;
        if (label && done % step === 0) process.stderr.write(`  ${label}: ${done}/${items.length}\n`);
      }
    }),
  );
  return out;
}
