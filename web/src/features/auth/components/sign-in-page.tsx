import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { useSendCode } from '../api/send-code';
import { toE164 } from '@/lib/phone';
import styles from './auth.module.css';

/** Sign in: the phone, then a code by text. */
export function SignInPage() {
  const navigate = useNavigate();
  const send = useSendCode();
  const [phone, setPhone] = useState('');
  const fieldErrors = send.error instanceof ApiError ? send.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate(toE164(phone), { onSuccess: () => navigate('/verify') });
  };

  return (
    <>
      <h1>Sign in</h1>
      <p className={styles.lead}>We&rsquo;ll text a 6-digit code to your phone.</p>
      {send.error && !fieldErrors.phone && <Alert tone="error">{errorMessage(send.error)}</Alert>}
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label="Mobile phone" name="phone" type="tel" autoComplete="tel" inputMode="tel" placeholder="(415) 555-0123" value={phone} onChange={(e) => setPhone(e.target.value)} error={fieldErrors.phone} required />
        <Button type="submit" block busy={send.isPending}>
          {send.isPending ? 'Sending…' : 'Text me a code'}
        </Button>
      </form>
      <p className={styles.switch}>
        New to Timely? <Link to="/signup">Create an account</Link>
      </p>
    </>
  );
}
