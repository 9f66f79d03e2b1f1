import { useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { errorMessage } from '@/lib/api/problem';
import { dateTime } from '@/lib/format';
import { useDevices, useSignOutDevice, useSignOutEverywhere } from '../api/devices';
import styles from './security.module.css';

/** Where the account is signed in, and signing out of one device or all. */
export function DevicesCard() {
  const navigate = useNavigate();
  const devices = useDevices();
  const signOut = useSignOutDevice();
  const everywhere = useSignOutEverywhere();
  const error = signOut.error ?? everywhere.error;
  return (
    <Card title="Signed-in devices">
      {error && <Alert tone="error">{errorMessage(error)}</Alert>}
      <ul className={styles.list} aria-label="Signed-in devices">
        {devices.data?.items.map((d) => (
          <li key={d.id} className={styles.item}>
            <span>
              <span className={styles.itemName}>
                {d.device ?? 'Unknown device'}
                {d.current ? ' (this device)' : ''}
              </span>
              <span className={styles.itemMeta}>Last used {dateTime(d.lastUsedAt)}</span>
            </span>
            {!d.current && (
              <Button variant="secondary" aria-label={`Sign out ${d.device ?? 'device'} last used ${dateTime(d.lastUsedAt)}`} busy={signOut.isPending && signOut.variables === d.id} onClick={() => signOut.mutate(d.id)}>
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Button variant="secondary" busy={everywhere.isPending} onClick={() => everywhere.mutate(undefined, { onSuccess: () => navigate('/signin', { replace: true }) })}>
        Sign out everywhere
      </Button>
    </Card>
  );
}
