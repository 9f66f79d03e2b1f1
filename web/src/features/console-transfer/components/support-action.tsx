import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { TextAreaField } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { useSupportAction } from '../api/transfer';
import styles from './transfer.module.css';

/**
 * Retry or Cancel: a confirmation that asks for the note stored with the action. A button the rules
 * forbid is disabled and says why. The request is sent once per confirmation (the button is busy
 * meanwhile), and the API makes a repeated request land on the same action anyway.
 */
export function SupportAction({ transferId, action, allowed, rule }: { transferId: string; action: 'retry' | 'cancel'; allowed: boolean; rule: string }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const run = useSupportAction(transferId);
  // A double click fires twice before React re-renders the button as busy: guard synchronously.
  const sending = useRef(false);
  const label = action === 'retry' ? 'Retry' : 'Cancel transfer';
  const ruleId = `${action}-rule`;
  const noteError = run.error instanceof ApiError ? run.error.fieldErrors().note : undefined;

  return (
    <div>
      <Button variant={action === 'retry' ? 'primary' : 'secondary'} disabled={!allowed} aria-describedby={!allowed ? ruleId : undefined} onClick={() => setOpen(true)}>
        {label}
      </Button>
      {!allowed && (
        <p id={ruleId} className={styles.forbidden}>
          {rule}
        </p>
      )}
      <ConfirmDialog
        open={open}
        title={action === 'retry' ? 'Present this transfer again?' : 'Cancel this transfer?'}
        confirmLabel={action === 'retry' ? 'Retry now' : 'Cancel transfer'}
        cancelLabel="Back"
        tone={action === 'retry' ? 'primary' : 'danger'}
        busy={run.isPending}
        onCancel={() => {
          setOpen(false);
          run.reset();
        }}
        onConfirm={() => {
          if (sending.current) return;
          sending.current = true;
          run.mutate(
            { action, note: note.trim() },
            {
              onSuccess: () => (setOpen(false), setNote('')),
              onSettled: () => {
                sending.current = false;
              },
            },
          );
        }}
      >
        <p>{rule}</p>
        {run.error && !noteError && <Alert tone="error">{errorMessage(run.error)}</Alert>}
        <TextAreaField label="Note (stored with the action)" value={note} onChange={(e) => setNote(e.target.value)} error={noteError} maxLength={500} required />
      </ConfirmDialog>
    </div>
  );
}
