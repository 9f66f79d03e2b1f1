import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { toE164 } from '@/lib/phone';
import { useChangePhone, useSendPhoneCode } from '../api/phone';
import styles from './security.module.css';

/** A new phone number: a code to it proves the customer holds it. */
export function PhoneCard({ phone }: { phone: string }) {
  const send = useSendPhoneCode();
  const change = useChangePhone();
  const [next, setNext] = useState('');
  const [code, setCode] = useState('');
  const sendErrors = send.error instanceof ApiError ? send.error.fieldErrors() : {};

  const sendCode = (e: FormEvent) => {
    e.preventDefault();
    change.reset();
    send.mutate(toE164(next));
  };
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    if (send.data) change.mutate({ challengeId: send.data.challengeId, code }, { onSuccess: () => (send.reset(), setNext(''), setCode('')) });
  };

  return (
    <Card title="Phone number">
      <p className={styles.muted}>Sign-in codes go to {phone}.</p>
      {change.isSuccess && <Alert tone="success">Your phone number was changed.</Alert>}
      {!send.data ? (
        <form onSubmit={sendCode} noValidate>
          {send.error && !sendErrors.phone && <Alert tone="error">{errorMessage(send.error)}</Alert>}
          <Field label="New mobile phone" name="newPhone" type="tel" autoComplete="tel" inputMode="tel" placeholder="(415) 555-0123" value={next} onChange={(e) => setNext(e.target.value)} error={sendErrors.phone} />
          <Button type="submit" variant="secondary" busy={send.isPending} disabled={!next.trim()}>
            Text a code to the new number
          </Button>
        </form>
      ) : (
        <form onSubmit={confirm} noValidate>
          {change.error && <Alert tone="error">{errorMessage(change.error)}</Alert>}
          <Field label="6-digit code sent to the new number" name="phoneCode" autoComplete="one-time-code" inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))} />
          <div className={styles.actions}>
            <Button type="submit" busy={change.isPending} disabled={code.length !== 6}>
              Change phone
            </Button>
            <Button variant="secondary" onClick={() => send.reset()}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
