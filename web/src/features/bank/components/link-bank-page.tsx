import { useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Loading } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api/problem';
import { useBank } from '@/lib/bank-query';
import { useLinkBank } from '../api/link-bank';
import styles from './bank.module.css';

/** Link a bank (or sign in to it again) through Plaid Link. Leaving Link changes nothing. */
export function LinkBankPage() {
  const navigate = useNavigate();
  const bank = useBank();
  const link = useLinkBank();
  if (bank.isPending) return <Loading />;
  const needsLogin = bank.data?.status === 'login_required';
  const linked = bank.data && !needsLogin;

  const start = () =>
    link.mutate(
      { update: needsLogin },
      {
        onSuccess: (r) => {
          if (r.linked) navigate(needsLogin ? '/' : '/apply');
        },
      },
    );

  return (
    <>
      <h1>{needsLogin ? 'Reconnect your bank' : 'Link your bank'}</h1>
      {link.data && !link.data.linked && (
        <Alert tone="info" title="Bank not linked">
          {link.data.message ?? 'You closed the bank window before finishing. Nothing was changed.'}
        </Alert>
      )}
      {link.error && <Alert tone="error">{errorMessage(link.error)}</Alert>}
      {bank.error && <Alert tone="error">{errorMessage(bank.error)}</Alert>}
      <Card>
        {needsLogin ? (
          <p>
            {bank.data?.institutionName ?? 'Your bank'} needs you to sign in again before we can read your balance. Until then we can&rsquo;t send advances.
          </p>
        ) : linked ? (
          <p>Your bank {bank.data?.institutionName ? `(${bank.data.institutionName}) ` : ''}is linked.</p>
        ) : (
          <>
            <p>Timely looks at your checking account&rsquo;s balance and deposits to decide your limit and to send an advance before you run low.</p>
            <ul className={styles.points}>
              <li>We connect through Plaid. Your bank login goes to your bank, never to us.</li>
              <li>We only read your account. Advances and repayments move by ACH when you agree to them.</li>
              <li>You can unlink any time in Settings.</li>
            </ul>
          </>
        )}
        {linked ? (
          <Button block onClick={() => navigate('/apply')}>
            Continue
          </Button>
        ) : (
          <Button block onClick={start} busy={link.isPending}>
            {link.isPending ? 'Waiting for your bank…' : needsLogin ? 'Sign in to your bank' : 'Link your bank'}
          </Button>
        )}
      </Card>
    </>
  );
}
