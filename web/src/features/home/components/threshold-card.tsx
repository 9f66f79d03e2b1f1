import { useEffect, useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { errorMessage } from '@/lib/api/problem';
import { money } from '@/lib/format';
import { useUpdateThreshold } from '../api/update-threshold';
import styles from './home.module.css';

const MIN = 0;
const MAX = 50_000;
const STEP = 500;

/** The low-balance threshold: a slider from $0 to $500 in $5 steps, saved with a button (PATCH /v1/me). */
export function ThresholdCard({ thresholdCents, source }: { thresholdCents: number; source: 'default' | 'customer' }) {
  const [value, setValue] = useState(thresholdCents);
  const update = useUpdateThreshold();
  const sliderId = useId();
  useEffect(() => setValue(thresholdCents), [thresholdCents]);
  const changed = value !== thresholdCents;

  return (
    <Card title="When to send an advance">
      <label htmlFor={sliderId}>Send an advance when my balance drops below</label>
      <p className={styles.sliderValue} aria-hidden="true">
        {money(value)}
      </p>
      <input
        id={sliderId}
        className={styles.slider}
        type="range"
        min={MIN}
        max={MAX}
        step={STEP}
        value={value}
        aria-valuetext={money(value)}
        onChange={(e) => {
          update.reset();
          setValue(Number(e.target.value));
        }}
      />
      <div className={styles.sliderScale} aria-hidden="true">
        <span>{money(MIN)}</span>
        <span>{money(MAX)}</span>
      </div>
      {update.error && <Alert tone="error">{errorMessage(update.error)}</Alert>}
      {update.isSuccess && !changed && <Alert tone="success">Saved. We’ll watch for {money(thresholdCents)}.</Alert>}
      <div className={styles.row}>
        <span className={styles.sub}>{source === 'default' && !changed ? 'This is our default. Pick what suits you.' : ''}</span>
        <Button onClick={() => update.mutate(value)} disabled={!changed} busy={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save threshold'}
        </Button>
      </div>
    </Card>
  );
}
