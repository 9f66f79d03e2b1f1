/**
 * 60-day debit return rates beside Nacha's thresholds, one row per class. Each row has its own
 * scale (0 to twice its threshold) since 0.5% and 15% cannot share an axis; the dashed line is the
 * threshold, and a bar past it turns red. The numbers are in the text too, for everyone.
 */
export interface RateRow {
  name: string;
  returns: number;
  rate: number;
  threshold: number;
}

const pct = (r: number) => `${(r * 100).toFixed(r < 0.01 ? 2 : 1)}%`;
const LABELS: Record<string, string> = { unauthorized: 'Unauthorized', administrative: 'Administrative', overall: 'Overall' };

export function ReturnRatesChart({ rows, debitEntries }: { rows: RateRow[]; debitEntries: number }) {
  const width = 640;
  const rowHeight = 56;
  const left = 150;
  const barWidth = width - left - 20;
  return (
    <svg viewBox={`0 0 ${width} ${rows.length * rowHeight + 10}`} role="img" aria-labelledby="rates-title rates-desc" style={{ width: '100%', maxWidth: 720 }}>
      <title id="rates-title">60-day debit return rates against Nacha thresholds</title>
      <desc id="rates-desc">
        {rows.map((r) => `${LABELS[r.name] ?? r.name}: ${pct(r.rate)} (${r.returns} of ${debitEntries} debits), threshold ${pct(r.threshold)}.`).join(' ')}
      </desc>
      {rows.map((r, i) => {
        const y = i * rowHeight + 8;
        const scale = barWidth / (r.threshold * 2);
        const w = Math.min(barWidth, r.rate * scale);
        const over = r.rate >= r.threshold;
        return (
          <g key={r.name} data-testid={`rate-${r.name}`}>
            <text x={0} y={y + 18} fontSize={15} fontWeight={700} fill="#15201a">
              {LABELS[r.name] ?? r.name}
            </text>
            <text x={0} y={y + 38} fontSize={13} fill="#4a5a50">
              {pct(r.rate)} · limit {pct(r.threshold)}
            </text>
            <rect x={left} y={y + 8} width={barWidth} height={24} rx={4} fill="#eef1ef" />
            <rect x={left} y={y + 8} width={Math.max(w, r.rate > 0 ? 2 : 0)} height={24} rx={4} fill={over ? '#b42318' : '#0f5132'} />
            <line x1={left + barWidth / 2} x2={left + barWidth / 2} y1={y + 2} y2={y + 38} stroke="#8a5a00" strokeWidth={2} strokeDasharray="4 3" />
          </g>
        );
      })}
    </svg>
  );
}
