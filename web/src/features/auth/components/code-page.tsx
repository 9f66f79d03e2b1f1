import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { countdown } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { loadChallenge, type Challenge } from '../api/challenge-store';
import { useSendCode } from '../api/send-code';
import { needsSecondStep, useVerifyCode } from '../api/verify-code';
import styles from './auth.module.css';

/** Words for why a code was refused; the server's own sentence when it says something else. */
function codeError(err: unknown): string {
  if (!(err instanceof ApiError)) return errorMessage(err);
  const left = typeof err.problem.triesLeft === 'number' ? err.problem.triesLeft : null;
  switch (err.slug) {
    case 'code-wrong':
      return left === 0 ? 'That code isn’t right, and it can’t be tried again. Send a new code.' : `That code isn’t right. ${left === null ? '' : `${left} ${left === 1 ? 'try' : 'tries'} left.`}`;
    case 'code-expired':
      return 'That code has expired. Send a new code.';
    case 'code-exhausted':
      return 'Too many wrong tries for this code. Send a new code.';
    default:
      return errorMessage(err);
  }
}

const RESEND_PAUSE_MS = 30_000;

function maskPhone(phone: string): string {
  return `••• ••• ${phone.slice(-4)}`;
}

/** The 6-digit code: autofilled from the text on phones, paste works, a countdown before a new code. */
export function CodePage() {
  const navigate = useNavigate();
  const [challenge, setChallenge] = useState<Challenge | null>(loadChallenge);
  const [code, setCode] = useState('');
  const verify = useVerifyCode();
  const resend = useSendCode();
  const inputRef = useRef<HTMLInputElement>(null);
  // The server's limit (3 codes in 10 minutes), and a short pause after each code so a slow text
  // is not chased by a second one.
  const waitUntil = Math.max(challenge?.resendAvailableAt ? Date.parse(challenge.resendAvailableAt) : 0, challenge?.sentAt ? Date.parse(challenge.sentAt) + RESEND_PAUSE_MS : 0);
  const resendError = resend.error instanceof ApiError ? resend.error : null;
  const retryAfter = resendError?.status === 429 && typeof resendError.problem.retryAfterSeconds === 'number' ? resendError.problem.retryAfterSeconds : 0;
  const [rateLimitedUntil, setRateLimitedUntil] = useState(0);
  const now = useNow(1000);
  const secondsToResend = Math.max(0, Math.ceil((Math.max(waitUntil, rateLimitedUntil) - now) / 1000));

  if (!challenge) return <Navigate to="/signin" replace />;

  const triesLeft = verify.error instanceof ApiError && typeof verify.error.problem.triesLeft === 'number' ? verify.error.problem.triesLeft : challenge.triesLeft;
  const codeDead = verify.error instanceof ApiError && ['code-expired', 'code-exhausted'].includes(verify.error.slug);

  const submit = (value: string) => {
    if (!/^\d{6}$/.test(value) || verify.isPending) return;
    verify.mutate({ challengeId: challenge.challengeId, code: value }, { onSuccess: (data) => navigate(needsSecondStep(data) ? '/verify/second-step' : '/', { replace: true }) });
  };

  const onChange = (raw: string) => {
    // Keep digits only (a pasted "123 456" or "123-456" still works); submit on the sixth.
    const digits = raw.replace(/\D/g, '').slice(0, 6);
    setCode(digits);
    if (digits.length === 6) submit(digits);
  };

  const sendNew = () => {
    resend.mutate(challenge.phone, {
      onSuccess: (c) => {
        setChallenge(c);
        setCode('');
        verify.reset();
        inputRef.current?.focus();
      },
      onError: (err) => {
        if (err instanceof ApiError && typeof err.problem.retryAfterSeconds === 'number') setRateLimitedUntil(Date.now() + err.problem.retryAfterSeconds * 1000);
      },
    });
  };

  return (
    <>
      <h1>Enter your code</h1>
      <p className={styles.lead}>
        We texted a 6-digit code to <span className="tabular" style={{ whiteSpace: 'nowrap' }}>
          {maskPhone(challenge.phone)}
        </span>. It works for 10 minutes.
      </p>
      {verify.error && <Alert tone="error">{codeError(verify.error)}</Alert>}
      {resend.isSuccess && !verify.error && <Alert tone="success">A new code is on its way.</Alert>}
      {resend.error && <Alert tone="error">{retryAfter ? `You’ve asked for several codes. You can ask for another in ${countdown(secondsToResend)}.` : errorMessage(resend.error)}</Alert>}
      <form
        className={styles.form}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          submit(code);
        }}
        noValidate
      >
        <Field
          ref={inputRef}
          label="6-digit code"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="\d{6}"
          maxLength={12}
          className={styles.codeInput}
          value={code}
          onChange={(e) => onChange(e.target.value)}
          autoFocus
          disabled={codeDead}
        />
        <div className={styles.meta}>
          <span aria-live="polite">{triesLeft !== null && !codeDead && !verify.error ? `${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left` : ''}</span>
          {secondsToResend > 0 ? (
            <span aria-live="off">Send a new code in {countdown(secondsToResend)}</span>
          ) : (
            <Button variant="link" onClick={sendNew} busy={resend.isPending}>
              Send a new code
            </Button>
          )}
        </div>
        <Button type="submit" block busy={verify.isPending} disabled={code.length !== 6 || codeDead}>
          {verify.isPending ? 'Checking…' : 'Verify'}
        </Button>
      </form>
      <p className={styles.switch}>
        Wrong number? <Link to="/signin">Use another phone</Link>
      </p>
    </>
  );
}
