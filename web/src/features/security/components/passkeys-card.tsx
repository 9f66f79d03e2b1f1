import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { ApiError } from '@/lib/api/problem';
import { shortDate } from '@/lib/format';
import { useAddPasskey, type useFactors } from '../api/factors';
import { secondFactorError } from './step-up-prompt';
import { RemoveFactorButton } from './remove-factor-button';
import styles from './security.module.css';

type Factor = NonNullable<ReturnType<typeof useFactors>['data']>['factors'][number];

/** A guess at a name the customer will recognise later ("Passkey on iPhone"). */
function defaultName(): string {
  const ua = navigator.userAgent;
  const device = /iPhone|iPad/.test(ua) ? 'iPhone' : /Android/.test(ua) ? 'Android phone' : /Mac OS X/.test(ua) ? 'Mac' : /Windows/.test(ua) ? 'Windows PC' : 'this device';
  return `Passkey on ${device}`;
}

export function PasskeysCard({ passkeys, factorCount }: { passkeys: Factor[]; factorCount: number }) {
  const add = useAddPasskey();
  const [name, setName] = useState(defaultName);
  const fieldErrors = add.error instanceof ApiError ? add.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(name.trim() || defaultName());
  };

  return (
    <Card title="Passkeys">
      <p className={styles.muted}>Sign in with your face, fingerprint or screen lock instead of a code. You can have several.</p>
      {add.isSuccess && <Alert tone="success">Passkey added.</Alert>}
      {add.error && !fieldErrors.name && <Alert tone="error">{secondFactorError(add.error)}</Alert>}
      {passkeys.length > 0 && (
        <ul className={styles.list} aria-label="Your passkeys">
          {passkeys.map((p) => (
            <li key={p.id} className={styles.item}>
              <span>
                <span className={styles.itemName}>{p.name}</span>
                <span className={styles.itemMeta}>
                  Added {shortDate(p.createdAt)}
                  {p.lastUsedAt ? ` · last used ${shortDate(p.lastUsedAt)}` : ''}
                </span>
              </span>
              <RemoveFactorButton factor={p} isLast={factorCount === 1} />
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <Field label="Passkey name" name="passkeyName" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} error={fieldErrors.name} />
        <Button type="submit" busy={add.isPending}>
          Add a passkey
        </Button>
      </form>
    </Card>
  );
}
