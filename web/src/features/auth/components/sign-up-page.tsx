import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { useSignUp } from '../api/sign-up';
import { toE164 } from '@/lib/phone';
import styles from './auth.module.css';

/** Sign up: four labelled fields; the server's field errors appear beside each, the input is kept. */
export function SignUpPage() {
  const navigate = useNavigate();
  const signUp = useSignUp();
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', phone: '' });
  const fieldErrors = signUp.error instanceof ApiError ? signUp.error.fieldErrors() : {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate({ ...form, phone: toE164(form.phone) }, { onSuccess: () => navigate('/verify') });
  };

  return (
    <>
      <h1>Create your account</h1>
      <p className={styles.lead}>A small advance before your balance runs dry, sent automatically and paid back on payday. No interest, no late fees.</p>
      {signUp.error && (
        <Alert tone="error" title={signUp.error instanceof ApiError && signUp.error.status === 409 ? 'Already registered' : "We couldn't create your account"}>
          {errorMessage(signUp.error)}
          {signUp.error instanceof ApiError && signUp.error.status === 409 && (
            <>
              {' '}
              <Link to="/signin">Sign in instead</Link>.
            </>
          )}
        </Alert>
      )}
      <form className={styles.form} onSubmit={submit} noValidate>
        <div className={styles.row}>
          <Field label="First name" name="firstName" autoComplete="given-name" value={form.firstName} onChange={set('firstName')} error={fieldErrors.firstName} required />
          <Field label="Last name" name="lastName" autoComplete="family-name" value={form.lastName} onChange={set('lastName')} error={fieldErrors.lastName} required />
        </div>
        <Field label="Email" name="email" type="email" autoComplete="email" inputMode="email" value={form.email} onChange={set('email')} error={fieldErrors.email} required />
        <Field
          label="Mobile phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          hint="We text you a code to sign in. US numbers only."
          placeholder="(415) 555-0123"
          value={form.phone}
          onChange={set('phone')}
          error={fieldErrors.phone}
          required
        />
        <Button type="submit" block busy={signUp.isPending}>
          {signUp.isPending ? 'Creating your account…' : 'Continue'}
        </Button>
      </form>
      <p className={styles.switch}>
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </>
  );
}
