import type { ReactNode } from 'react';
import styles from './card.module.css';

/** A titled section; the title is a heading so screen readers can jump between cards. */
export function Card({ title, children, labelledBy }: { title?: string; children: ReactNode; labelledBy?: string }) {
  const headingId = labelledBy ?? (title ? `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : undefined);
  return (
    <section className={styles.card} aria-labelledby={headingId}>
      {title && (
        <h2 id={headingId} className={styles.title}>
          {title}
        </h2>
      )}
      {children}
    </section>
  );
}
