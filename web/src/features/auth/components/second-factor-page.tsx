import { Link, Navigate, useNavigate } from 'react-router';
import { SecondFactorForm } from '@/components/ui/second-factor-form';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { passkeyProblem } from '@/lib/passkeys';
import { loadSecondStep } from '../api/challenge-store';
import { useSecondFactorSignIn } from '../api/second-factor';
import styles from './auth.module.css';

function secondStepError(err: unknown): string {
  const passkey = passkeyProblem(err);
  if (passkey) return passkey;
  if (err instanceof ApiError && err.slug === 'rate-limited') return 'Too many wrong tries. Wait a few minutes, then try again.';
  return errorMessage(err);
}

/** Sign-in, second step: the passkey, the authenticator app's code, or a recovery code. */
export function SecondFactorPage() {
  const navigate = useNavigate();
  const step = loadSecondStep();
  const signIn = useSecondFactorSignIn();
  if (!step) return <Navigate to="/signin" replace />;
  const dead = signIn.error instanceof ApiError && ['ticket-expired', 'ticket-exhausted'].includes(signIn.error.slug);
  return (
    <>
      <h1>Confirm it’s you</h1>
      <p className={styles.lead}>{step.methods.includes('passkey') ? 'Use the passkey you set up for Timely.' : 'Type the code your authenticator app shows.'}</p>
      <SecondFactorForm
        methods={dead ? [] : step.methods}
        busy={signIn.isPending}
        error={signIn.error ? secondStepError(signIn.error) : null}
        onSubmit={(input) => signIn.mutate({ ticket: step.ticket, input }, { onSuccess: () => navigate('/', { replace: true }) })}
      />
      <p className={styles.switch}>
        <Link to="/signin">Start again</Link>
      </p>
    </>
  );
}
