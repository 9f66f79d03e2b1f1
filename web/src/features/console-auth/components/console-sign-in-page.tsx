import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { useStaffSignIn } from '../api/staff-sign-in';
import { QrCode } from '@/components/ui/qr-code';
import styles from './console-auth.module.css';

interface Enrolment {
  otpauthUrl: string;
  secret: string;
}

/**
 * Staff sign-in: email, password and the authenticator code. On a member's first sign-in the API
 * answers `totp-enrollment-required` with the otpauth:// URL: the page shows it as a QR code to
 * scan, and the first code from the app completes both enrolment and sign-in.
 */
export function ConsoleSignInPage() {
  const navigate = useNavigate();
  const signIn = useStaffSignIn();
  const [form, setForm] = useState({ email: '', password: '', totp: '' });
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const err = signIn.error instanceof ApiError ? signIn.error : null;
  const fieldErrors = err?.fieldErrors() ?? {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(
      { email: form.email, password: form.password, ...(form.totp ? { totp: form.totp.replace(/\D/g, '') } : {}) },
      {
        onSuccess: () => navigate('/console', { replace: true }),
        onError: (e) => {
          if (e instanceof ApiError && e.slug === 'totp-enrollment-required' && typeof e.problem.otpauthUrl === 'string')
            setEnrolment({ otpauthUrl: e.problem.otpauthUrl, secret: String(e.problem.secret ?? '') });
        },
      },
    );
  };

  const showError = err && !(err.slug === 'totp-enrollment-required') && !Object.keys(fieldErrors).length;
  return (
    <div className={styles.page}>
      <main className={styles.card}>
        <p className={styles.brand}>Timely · Support console</p>
        <h1>{enrolment ? 'Set up your authenticator' : 'Staff sign-in'}</h1>
        {showError && <Alert tone="error">{err.status === 401 ? 'The email, password or code is not right.' : errorMessage(err)}</Alert>}
        {enrolment && (
          <div className={styles.enrol}>
            <p className={styles.lead}>Scan this code with your authenticator app (1Password, Google Authenticator, Authy…), then enter the 6-digit code it shows.</p>
            <QrCode value={enrolment.otpauthUrl} label="QR code for your authenticator app" />
            <p>
              Or type this key: <span className={styles.secret} data-testid="totp-secret">{enrolment.secret}</span>
            </p>
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <Field label="Work email" name="email" type="email" autoComplete="username" value={form.email} onChange={set('email')} error={fieldErrors.email} readOnly={!!enrolment} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" value={form.password} onChange={set('password')} error={fieldErrors.password} readOnly={!!enrolment} />
          <Field
            label="Authenticator code"
            name="totp"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={8}
            hint={enrolment ? undefined : 'First sign-in? Leave it empty: we’ll show you a QR code to scan.'}
            value={form.totp}
            onChange={set('totp')}
            error={fieldErrors.totp}
          />
          <Button type="submit" block busy={signIn.isPending}>
            {enrolment ? 'Verify and sign in' : 'Sign in'}
          </Button>
        </form>
      </main>
    </div>
  );
}
