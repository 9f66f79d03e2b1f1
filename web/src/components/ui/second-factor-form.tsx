import { useState, type FormEvent } from 'react';
import { Alert } from './alert';
import { Button } from './button';
import { Field } from './field';
import styles from './second-factor-form.module.css';

export type SecondFactorMethod = 'passkey' | 'totp' | 'recovery';
export type SecondFactorInput = { method: 'passkey' } | { method: 'totp' | 'recovery'; code: string };

/**
 * The second step, wherever it is asked (sign-in, step-up): a passkey first when the customer has
 * one, else the authenticator app's code, and a recovery code as the way out.
 */
export function SecondFactorForm({
  methods,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  methods: SecondFactorMethod[];
  busy: boolean;
  error: string | null;
  onSubmit(input: SecondFactorInput): void;
  onCancel?(): void;
}) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const typed: 'totp' | 'recovery' | null = useRecovery || !methods.includes('totp') ? (methods.includes('recovery') ? 'recovery' : null) : 'totp';
  const codeReady = typed === 'totp' ? /^\d{6}$/.test(code) : code.replace(/[^A-Za-z0-9]/g, '').length >= 10;

  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (typed && codeReady && !busy) onSubmit({ method: typed, code: typed === 'totp' ? code : code.trim() });
  };

  return (
    <div className={styles.form}>
      {error && <Alert tone="error">{error}</Alert>}
      {methods.includes('passkey') && !useRecovery && (
        <>
          <Button block busy={busy} onClick={() => onSubmit({ method: 'passkey' })}>
            Use your passkey
          </Button>
          {typed === 'totp' && <p className={styles.or}>or</p>}
        </>
      )}
      {typed && (
        <form onSubmit={submitCode} noValidate>
          {typed === 'totp' ? (
            <Field
              label="Code from your authenticator app"
              name="totp"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              className={styles.code}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            />
          ) : (
            <Field label="Recovery code" name="recovery" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={20} className={styles.code} value={code} onChange={(e) => setCode(e.target.value)} />
          )}
          <Button type="submit" variant={methods.includes('passkey') && !useRecovery ? 'secondary' : 'primary'} block busy={busy} disabled={!codeReady}>
            Confirm
          </Button>
        </form>
      )}
      <div className={styles.actions}>
        {methods.includes('recovery') && (
          <Button
            variant="link"
            onClick={() => {
              setUseRecovery((r) => !r);
              setCode('');
            }}
          >
            {useRecovery ? 'Use your passkey or app instead' : 'Use a recovery code'}
          </Button>
        )}
        {onCancel && (
          <Button variant="secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        )}
      </div>
    </div>
  );
}
