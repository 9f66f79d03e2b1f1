import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { errorMessage } from '@/lib/api/problem';
import { useCreateRecoveryCodes } from '../api/factors';
import styles from './security.module.css';

/** Ten one-time codes for when the passkey or app is lost, shown once. */
export function RecoveryCodesCard({ left, hasFactor }: { left: number; hasFactor: boolean }) {
  const create = useCreateRecoveryCodes();
  return (
    <Card title="Recovery codes">
      {create.data ? (
        <>
          <Alert tone="warn" title="Save these codes now">
            This is the only time they are shown. Each works once, if you lose your passkey or app.
          </Alert>
          <ul className={styles.codes} aria-label="Your recovery codes">
            {create.data.codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <Button variant="secondary" onClick={() => create.reset()}>
            I’ve saved them
          </Button>
        </>
      ) : (
        <>
          <p className={styles.muted}>{hasFactor ? (left > 0 ? `${left} of 10 codes left.` : 'You have no recovery codes yet.') : 'Set up a passkey or an app first.'}</p>
          {create.error && <Alert tone="error">{errorMessage(create.error)}</Alert>}
          <Button variant="secondary" busy={create.isPending} disabled={!hasFactor} onClick={() => create.mutate(undefined)}>
            {left > 0 ? 'Make new recovery codes' : 'Make recovery codes'}
          </Button>
        </>
      )}
    </Card>
  );
}
