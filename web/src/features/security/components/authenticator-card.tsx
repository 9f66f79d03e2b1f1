import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { QrCode } from '@/components/ui/qr-code';
import { errorMessage } from '@/lib/api/problem';
import { shortDate } from '@/lib/format';
import { useConfirmTotp, useStartTotp } from '../api/factors';
import { RemoveFactorButton } from './remove-factor-button';
import styles from './security.module.css';

/** An authenticator app: scan the QR code, type its first code; or, once set up, remove it. */
export function AuthenticatorCard({ app, factorCount }: { app: { id: string; name: string; createdAt: string } | undefined; factorCount: number }) {
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const [code, setCode] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (/^\d{6}$/.test(code)) confirm.mutate(code, { onSuccess: () => start.reset() });
  };

  return (
    <Card title="Authenticator app">
      {confirm.isSuccess && <Alert tone="success">Authenticator app turned on.</Alert>}
      {app ? (
        <div className={styles.item}>
          <span>
            <span className={styles.itemName}>{app.name}</span>
            <span className={styles.itemMeta}>Set up {shortDate(app.createdAt)}</span>
          </span>
          <RemoveFactorButton factor={app} isLast={factorCount === 1} />
        </div>
      ) : start.data ? (
        <form onSubmit={submit} noValidate>
          <p>Scan this with an authenticator app, then type the 6-digit code it shows.</p>
          <div className={styles.qr}>
            <QrCode value={start.data.otpauthUrl} label="QR code for your authenticator app" />
          </div>
          <p className={styles.muted}>
            Can’t scan? Enter this key: <span className={styles.secret}>{start.data.secret.match(/.{1,4}/g)?.join(' ')}</span>
          </p>
          {confirm.error && <Alert tone="error">{errorMessage(confirm.error)}</Alert>}
          <Field label="6-digit code from the app" name="totpCode" autoComplete="one-time-code" inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))} />
          <Button type="submit" busy={confirm.isPending} disabled={code.length !== 6}>
            Turn on
          </Button>
        </form>
      ) : (
        <>
          <p className={styles.muted}>Use a code from an app such as Google Authenticator or 1Password as your second step.</p>
          {start.error && <Alert tone="error">{errorMessage(start.error)}</Alert>}
          <Button variant="secondary" busy={start.isPending} onClick={() => start.mutate(undefined)}>
            Set up an authenticator app
          </Button>
        </>
      )}
    </Card>
  );
}
