import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Money } from '@/components/ui/money';
import { bankDate } from '@/lib/format';
import type { Application } from '@/lib/api/types';
import styles from './apply.module.css';

/** Failure codes the customer can act on, and where to go. */
function failureAction(code: string): { to: string; label: string } {
  if (code.includes('login') || code.includes('bank')) return { to: '/link', label: 'Reconnect your bank' };
  return { to: '/apply', label: 'Try again' };
}

/** The decision in plain words: the limit and next payday, or the reasons as sentences, or what to do. */
export function Decision({ application, onApplyAgain }: { application: Application; onApplyAgain(): void }) {
  const d = application.decision;
  if (application.status === 'failed' || !d) {
    const failure = application.failure;
    const action = failureAction(failure?.code ?? '');
    return (
      <Card title="We couldn’t finish your application">
        <p>{failure?.reason ?? 'Something went wrong while we reviewed your application.'}</p>
        <p>Nothing was decided, and nothing was charged.</p>
        <div className={styles.actions}>
          {action.to === '/apply' ? (
            <button type="button" className={buttonClass('primary', true)} onClick={onApplyAgain}>
              {action.label}
            </button>
          ) : (
            <Link to={action.to} className={buttonClass('primary', true)}>
              {action.label}
            </Link>
          )}
        </div>
      </Card>
    );
  }
  if (d.approved) {
    return (
      <Card title="You’re approved">
        <p>You can get advances of up to</p>
        <p className={styles.big}>
          <Money cents={d.limitCents} />
        </p>
        {d.nextPayday && <p>We expect your next payday on {bankDate(d.nextPayday)}. Repayments are taken then, never before.</p>}
        {d.reasons.length > 0 && (
          <>
            <p>For a higher limit later:</p>
            <ul className={styles.reasons}>
              {d.reasons.map((r) => (
                <li key={r.code}>{r.message}</li>
              ))}
            </ul>
          </>
        )}
        <div className={styles.actions}>
          <Link to="/" className={buttonClass('primary', true)}>
            Go to Home
          </Link>
        </div>
      </Card>
    );
  }
  return (
    <Card title="We can’t offer you an advance right now">
      <p>Here is why:</p>
      <ul className={styles.reasons}>
        {d.reasons.map((r) => (
          <li key={r.code}>{r.message}</li>
        ))}
      </ul>
      <Alert tone="info">Things change: once your bank history shows regular income, apply again. Applying doesn&rsquo;t affect your credit score.</Alert>
      <div className={styles.actions}>
        <button type="button" className={buttonClass('secondary', true)} onClick={onApplyAgain}>
          Apply again
        </button>
      </div>
    </Card>
  );
}
