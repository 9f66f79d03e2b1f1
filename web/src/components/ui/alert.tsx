import type { ReactNode } from 'react';
import styles from './alert.module.css';

export function Alert({ tone = 'info', title, children }: { tone?: 'error' | 'warn' | 'info' | 'success'; title?: string; children?: ReactNode }) {
  // Errors interrupt (role=alert); everything else is announced politely.
  return (
    <div className={`${styles.alert} ${styles[tone]}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <strong className={styles.title}>{title}</strong>}
      {children}
    </div>
  );
}
