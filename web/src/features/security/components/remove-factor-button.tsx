import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { errorMessage } from '@/lib/api/problem';
import { useRemoveFactor } from '../api/factors';

/** Remove, with a confirmation; the only factor left cannot be removed (the server says so too). */
export function RemoveFactorButton({ factor, isLast }: { factor: { id: string; name: string }; isLast: boolean }) {
  const remove = useRemoveFactor();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setConfirming(true)} disabled={isLast} aria-label={`Remove ${factor.name}`} title={isLast ? 'Add another passkey or an app first' : undefined}>
        Remove
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Remove ${factor.name}?`}
        confirmLabel="Remove"
        tone="danger"
        busy={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate(factor.id, { onSuccess: () => setConfirming(false) })}
      >
        <p>It will no longer sign you in.</p>
        {remove.error && <Alert tone="error">{errorMessage(remove.error)}</Alert>}
      </ConfirmDialog>
    </>
  );
}
