import type { Application } from '@/lib/api/types';
import { STEP_WORDS } from './steps';
import styles from './apply.module.css';

/** The steps as a checklist: done, in progress, to do. Screen readers hear each state in words. */
export function ProgressChecklist({ application }: { application: Application }) {
  const done = new Set(application.steps.done);
  return (
    <ol className={styles.steps} aria-label="Application steps">
      {STEP_WORDS.map(({ step, label }) => {
        const state = done.has(step) ? 'done' : application.steps.current === step ? 'current' : 'todo';
        return (
          <li key={step} className={`${styles.step} ${state === 'done' ? styles.done : state === 'current' ? styles.current : ''}`} data-state={state}>
            <span className={styles.mark} aria-hidden="true">
              {state === 'done' ? '✓' : ''}
            </span>
            <span>
              {label}
              <span className="visually-hidden">{state === 'done' ? ' (done)' : state === 'current' ? ' (in progress)' : ' (to do)'}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
