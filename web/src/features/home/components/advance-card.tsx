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
  // The repayment notice has its own line; the state's words say the rest.
  const words = advanceWords(advance);
  const notice = summary.nextRepayment && words.tone !== 'attention' ? summary.nextRepayment : null;
  return (
    <Card title="Your advance">
      <span className={`${styles.state} ${styles[words.tone]}`} data-testid="advance-state">
        {words.title}
      </span>
      <p className={styles.amount}>
        <Money cents={advance.principalCents} />
      </p>
      {notice ? (
        <p data-testid="repayment-notice">
          Repayment of {money(notice.amountCents)} on {bankDate(notice.on)}.
        </p>
      ) : (
        words.detail && <p>{words.detail}</p>
      )}
      <Link to="/advances">See all advances</Link>
    </Card>
  );
}
