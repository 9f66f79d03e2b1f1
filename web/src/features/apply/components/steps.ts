/** The apply workflow's steps (workflows/apply.ts APPLY_STEPS) in the customer's words. */
export const STEP_WORDS: readonly { step: string; label: string }[] = [
  { step: 'fetch_account', label: 'Checking your details' },
  { step: 'fetch_consumer_information', label: 'Confirming it’s you' },
  { step: 'fetch_bank_history', label: 'Reading 90 days of bank history' },
  { step: 'underwrite', label: 'Working out your limit' },
  { step: 'record_decision', label: 'Recording the decision' },
  { step: 'update_limit', label: 'Setting your limit' },
];
