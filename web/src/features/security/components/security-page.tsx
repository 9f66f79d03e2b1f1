import { Link } from 'react-router';
import { Loading } from '@/components/ui/spinner';
import { useMe } from '@/lib/session';
import { useFactors } from '../api/factors';
import { AuthenticatorCard } from './authenticator-card';
import { DevicesCard } from './devices-card';
import { PasskeysCard } from './passkeys-card';
import { PhoneCard } from './phone-card';
import { RecoveryCodesCard } from './recovery-codes-card';
import styles from './security.module.css';

/** Sign-in and security: the second step (passkeys or an app), recovery codes, phone, devices. */
export function SecurityPage() {
  const me = useMe();
  const factors = useFactors();
  if (!factors.data || !me.data) return <Loading />;
  const all = factors.data.factors;
  const passkeys = all.filter((f) => f.kind === 'passkey');
  const app = all.find((f) => f.kind === 'totp');
  return (
    <>
      <p>
        <Link to="/settings">← Settings</Link>
      </p>
      <h1>Sign-in &amp; security</h1>
      <p className={styles.muted}>
        {all.length > 0
          ? 'Two-step sign-in is on: after the code to your phone, Timely asks for your passkey or app.'
          : 'Add a second step, so a code to your phone alone can’t open your account.'}
      </p>
      <PasskeysCard passkeys={passkeys} factorCount={all.length} />
      <AuthenticatorCard app={app} factorCount={all.length} />
      <RecoveryCodesCard left={factors.data.recoveryCodesLeft} hasFactor={all.length > 0} />
      <PhoneCard phone={me.data.phone} />
      <DevicesCard />
    </>
  );
}
