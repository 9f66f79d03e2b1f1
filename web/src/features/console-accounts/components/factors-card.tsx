import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { TextAreaField } from '@/components/ui/field';
import { table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api/problem';
import { dateTime } from '@/lib/format';
import { useStaffMe } from '@/lib/staff-session';
import { useAccountFactors, useRemoveCustomerFactor } from '../api/factors';

/** The customer's second factors: names and dates only. Operators may remove one (with a note, recorded). */
export function FactorsCard({ accountId }: { accountId: string }) {
  const factors = useAccountFactors(accountId);
  const me = useStaffMe();
  const remove = useRemoveCustomerFactor(accountId);
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);
  const [note, setNote] = useState('');
  const operator = me.data?.role === 'operator';
  return (
    <Card title="Two-step sign-in">
      {factors.error && <Alert tone="error">{errorMessage(factors.error)}</Alert>}
      {factors.data && factors.data.factors.length === 0 && <p className={table.muted}>Off: the phone code alone signs in.</p>}
      {factors.data && factors.data.factors.length > 0 && (
        <ul aria-label="Second factors">
          {factors.data.factors.map((f) => (
            <li key={f.id}>
              {f.kind === 'passkey' ? 'Passkey' : 'Authenticator app'}: {f.name}
              <span className={table.muted}>
                {' '}
                · added {dateTime(f.createdAt)}
                {f.lastUsedAt ? ` · last used ${dateTime(f.lastUsedAt)}` : ''}
              </span>{' '}
              {operator && (
                <Button variant="link" onClick={() => (setTarget(f), setNote(''), remove.reset())} aria-label={`Remove ${f.name}`}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {factors.data && factors.data.factors.length > 0 && <p className={table.muted}>{factors.data.recoveryCodesLeft} recovery codes left.</p>}
      <ConfirmDialog
        open={target !== null}
        title={`Remove ${target?.name ?? 'factor'}?`}
        confirmLabel="Remove"
        tone="danger"
        busy={remove.isPending}
        onCancel={() => setTarget(null)}
        onConfirm={() => target && note.trim() && remove.mutate({ factorId: target.id, note }, { onSuccess: () => setTarget(null) })}
      >
        <p>Only after confirming who the customer is. They get a text, and the removal is recorded with your name.</p>
        <TextAreaField label="Note (stored with the removal)" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} required />
        {remove.error && <Alert tone="error">{errorMessage(remove.error)}</Alert>}
      </ConfirmDialog>
    </Card>
  );
}
