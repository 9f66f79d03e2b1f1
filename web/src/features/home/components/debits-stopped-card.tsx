import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { AdvanceSummary } from '@/lib/api/types';
import { errorMessage } from '@/lib/api/problem';
import { useAuthorizeDebits } from '../api/authorize-debits';

/**
 * Nacha: after an unauthorized return (R05, R07, R10, R11, R29, R51) Timely takes no payment until
 * the customer authorizes it again. The words come from the API (domain/ach/customer-words.en.ts).
 */
export function DebitsStoppedCard({ debits }: { debits: AdvanceSummary['debits'] }) {
  const authorize = useAuthorizeDebits();
  if (!debits.stopped) return null;
  return (
    <Alert tone="warn" title="We’ve stopped taking payments">
      <p data-testid="debits-stopped">{debits.what}</p>
      <p>{debits.next}</p>
      {authorize.error && <p role="alert">{errorMessage(authorize.error)}</p>}
      <Button onClick={() => authorize.mutate()} busy={authorize.isPending}>
        Authorize Timely to debit my account
      </Button>
    </Alert>
  );
}
