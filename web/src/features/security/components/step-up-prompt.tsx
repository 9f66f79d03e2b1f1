import { useEffect, useRef, useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { SecondFactorForm, type SecondFactorInput } from '@/components/ui/second-factor-form';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { passkeyProblem } from '@/lib/passkeys';
import { setStepUpPrompter, type StepUpMethod } from '@/lib/step-up';
import { useStepUp } from '../api/step-up';

/** Words for a refused step-up; the server's own sentence otherwise. */
export function secondFactorError(err: unknown): string {
  const passkey = passkeyProblem(err);
  if (passkey) return passkey;
  if (err instanceof ApiError && err.slug === 'rate-limited') return 'Too many wrong tries. Wait a few minutes, then try again.';
  return errorMessage(err);
}

/**
 * Mounted once by the app layout: when the API asks for step-up, this asks the customer to confirm
 * it's them, and tells the waiting request (lib/step-up.ts) whether to go ahead.
 */
export function StepUpPrompt() {
  const [methods, setMethods] = useState<StepUpMethod[] | null>(null);
  const settle = useRef<((ok: boolean) => void) | null>(null);
  const stepUp = useStepUp();

  useEffect(() => {
    setStepUpPrompter(
      (m) =>
        new Promise<boolean>((resolve) => {
          stepUp.reset();
          settle.current = resolve;
          setMethods(m);
        }),
    );
    return () => setStepUpPrompter(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const finish = (ok: boolean) => {
    settle.current?.(ok);
    settle.current = null;
    setMethods(null);
  };

  const submit = (input: SecondFactorInput) => stepUp.mutate(input, { onSuccess: () => finish(true) });

  return (
    <Dialog open={methods !== null} title="Confirm it’s you" onClose={() => finish(false)}>
      <p>For your safety, this change needs your second step.</p>
      <SecondFactorForm methods={methods ?? []} busy={stepUp.isPending} error={stepUp.error ? secondFactorError(stepUp.error) : null} onSubmit={submit} onCancel={() => finish(false)} />
    </Dialog>
  );
}
