/**
 * A small time-series chart on uPlot (about 50 kB, loaded only where a chart is shown). Values are
 * integer cents; axes format them with the app's money formatter, so no float is ever shown.
 */
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { money, shortDate } from '@/lib/format';
import styles from './chart.module.css';

export interface ChartSeries {
  label: string;
  color: string;
  /** One value per x, or null where the series has no point. */
  values: (number | null)[];
  kind: 'line' | 'dashed' | 'points';
}

export interface TimeChartProps {
  /** Bank dates, YYYY-MM-DD. */
  dates: string[];
  series: ChartSeries[];
  /** A sentence that says what the chart shows, for everyone (and for screen readers). */
  caption: string;
  label: string;
}

const toSeconds = (d: string) => Date.parse(`${d}T00:00:00Z`) / 1000;

export function TimeChart({ dates, series, caption, label }: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let plot: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    void import('uplot').then(({ default: UPlot }) => {
      const el = host.current;
      if (cancelled || !el) return;
      const width = () => Math.max(240, el.clientWidth);
      const opts: uPlot.Options = {
        width: width(),
        height: 220,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [
          { values: (_u, ticks) => ticks.map((t) => shortDate(new Date(t * 1000).toISOString())), stroke: '#4a5a50', grid: { stroke: '#eef1ef' } },
          { values: (_u, ticks) => ticks.map((t) => money(Math.round(t)).replace(/\.00$/, '')), size: 64, stroke: '#4a5a50', grid: { stroke: '#eef1ef' } },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: s.kind === 'points' ? 0 : 2,
            dash: s.kind === 'dashed' ? [6, 4] : undefined,
            points: s.kind === 'points' ? { show: true, size: 10, fill: s.color, stroke: '#fff', width: 2 } : { show: false },
            spanGaps: s.kind !== 'points',
          })),
        ],
      };
      plot = new UPlot(opts, [dates.map(toSeconds), ...series.map((s) => s.values)] as uPlot.AlignedData, el);
      observer = new ResizeObserver(() => plot?.setSize({ width: width(), height: 220 }));
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [dates, series]);

  return (
    <figure className={styles.figure}>
      <div ref={host} className={styles.plot} role="img" aria-label={label} />
      <ul className={styles.legend} aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}>
            <span className={styles.swatch} style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
      <figcaption className={styles.caption}>{caption}</figcaption>
    </figure>
  );
}
