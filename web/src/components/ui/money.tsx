import { money } from '@/lib/format';

/** An amount from integer cents, in tabular figures so columns of money line up. */
export function Money({ cents, className }: { cents: number; className?: string }) {
  return <span className={`tabular ${className ?? ''}`}>{money(cents)}</span>;
}
