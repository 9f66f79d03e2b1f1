import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { useBank } from '@/lib/bank-query';
import { useMe } from '@/lib/session';
import { useSignOut, useUnlinkBank, useUpdateProfile } from '../api/settings';
import styles from './settings.module.css';

/** Name and email, the linked bank (unlink with a confirmation), sign out. */
export function SettingsPage() {
  const navigate = useNavigate();
  const me = useMe();
  const bank = useBank();
  const update = useUpdateProfile();
  const unlink = useUnlinkBank();
  const signOut = useSignOut();
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '' });
  useEffect(() => {
    if (me.data) setForm({ firstName: me.data.firstName, lastName: me.data.lastName, email: me.data.email });
  }, [me.data]);
  const fieldErrors = update.error instanceof ApiError ? update.error.fieldErrors() : {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => {
    update.reset();
    setForm((f) => ({ ...f, [k]: e.target.value }));
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(form);
  };

  return (
    <>
      <h1>Settings</h1>
      <Card title="Your details">
        {update.isSuccess && <Alert tone="success">Saved.</Alert>}
        {update.error && !Object.keys(fieldErrors).length && <Alert tone="error">{errorMessage(update.error)}</Alert>}
        <form onSubmit={save} noValidate>
          <Field label="First name" name="firstName" autoComplete="given-name" value={form.firstName} onChange={set('firstName')} error={fieldErrors.firstName} />
          <Field label="Last name" name="lastName" autoComplete="family-name" value={form.lastName} onChange={set('lastName')} error={fieldErrors.lastName} />
          <Field label="Email" name="email" type="email" autoComplete="email" value={form.email} onChange={set('email')} error={fieldErrors.email} />
          <p className={styles.muted}>Phone: {me.data?.phone}</p>
          <p className={styles.muted}>
            Customer ID (support may ask for it): <span className={styles.id}>{me.data?.id}</span>
          </p>
          <Button type="submit" busy={update.isPending}>
            Save details
          </Button>
        </form>
      </Card>
      <Card title="Bank">
        {unlink.error && <Alert tone="error">{errorMessage(unlink.error)}</Alert>}
        {bank.data ? (
          <>
            <p>
              {bank.data.institutionName ?? 'Your bank'}
              {bank.data.accounts.map((a) => (a.mask ? ` ••${a.mask}` : '')).join(',')}
            </p>
            <Button variant="secondary" onClick={() => setConfirmUnlink(true)}>
              Unlink bank
            </Button>
          </>
        ) : (
          <p>No bank linked.</p>
        )}
      </Card>
      <Card title="Sign-in & security">
        <p className={styles.muted}>Passkeys, an authenticator app, recovery codes, your phone number and signed-in devices.</p>
        <Link to="/settings/security">Manage sign-in &amp; security</Link>
      </Card>
      <Card title="Session">
        {signOut.error && <Alert tone="error">{errorMessage(signOut.error)}</Alert>}
        <Button variant="secondary" busy={signOut.isPending} onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/signin', { replace: true }) })}>
          Sign out
        </Button>
      </Card>
      <ConfirmDialog
        open={confirmUnlink}
        title="Unlink your bank?"
        confirmLabel="Unlink"
        tone="danger"
        busy={unlink.isPending}
        onCancel={() => setConfirmUnlink(false)}
        onConfirm={() => unlink.mutate(undefined, { onSuccess: () => setConfirmUnlink(false) })}
      >
        <p>We won&rsquo;t be able to see your balance or send advances until you link a bank again. Anything you owe is still collected on payday.</p>
      </ConfirmDialog>
    </>
  );
}
