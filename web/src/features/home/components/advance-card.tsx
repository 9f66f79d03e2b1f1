import { Link } from 'react-router';
import { Card } from '@/components/ui/card';
import { Money } from '@/components/ui/money';
import { advanceWords, type AdvanceItem } from '@/lib/advance-words';
import type { AdvanceSummary } from '@/lib/api/types';
import { bankDate, money } from '@/lib/format';
import styles from './home.module.css';

/** The current advance with its state in words, or what happens when the balance runs low. */
export function AdvanceCard({ summary, advance }: { summary: AdvanceSummary; advance: AdvanceItem | undefined }) {
  if (!advance) {
    return (
      <Card title="Your advance">
        <p>No advance right now.</p>
        <p className={styles.sub}>
          When your balance drops below {money(summary.thresholdCents)}, we send up to {money(summary.limitCents)} to your bank automatically.
        </p>
      </Card>
    );
  }
  const words = advanceWords(advance, summary.nextRepayment);
  return (
    <Card title="Your advance">
      <span className={`${styles.state} ${styles[words.tone]}`} data-testid="advance-state">
        {words.title}
      </span>
      <p className={styles.amount}>
        <Money cents={advance.principalCents} />
      </p>
      {words.detail && <p>{words.detail}</p>}
      {summary.nextRepayment && words.tone !== 'attention' && (
        <p className={styles.sub} data-testid="repayment-notice">
          Repayment of {money(summary.nextRepayment.amountCents)} on {bankDate(summary.nextRepayment.on)}.
        </p>
      )}
      <Link to="/advances">See all advances</Link>
    </Card>
  );
}
