/**
 * Step-up in the web app: when the API answers 401 `step-up-required`, the request waits while
 * the customer confirms it's them (the prompt the app layout mounts), then it is sent again, so
 * the action they started carries on. Cancelled, the original 401 reaches the page as an error.
 */
export type StepUpMethod = 'passkey' | 'totp' | 'recovery';

/** Shows the prompt; resolves true once the server accepted a second factor, false when cancelled. */
export type StepUpPrompter = (methods: StepUpMethod[]) => Promise<boolean>;

let prompter: StepUpPrompter | null = null;
let pending: Promise<boolean> | null = null;

export function setStepUpPrompter(p: StepUpPrompter | null): void {
  prompter = p;
}

/** One prompt at a time: requests refused together wait for the same answer. */
export function promptStepUp(methods: StepUpMethod[]): Promise<boolean> {
  if (!prompter) return Promise.resolve(false);
  pending ??= prompter(methods).finally(() => {
    pending = null;
  });
  return pending;
}

export const STEP_UP_SLUG = 'step-up-required';
