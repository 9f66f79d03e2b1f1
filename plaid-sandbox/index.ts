/** The local Plaid sandbox: see README.md. */
export { createPlaidSandbox, type PlaidSandbox, type PlaidSandboxOptions } from './sandbox';
export { ManualClock, OffsetClock, type SandboxClock } from './clock';
export { PLAID_SANDBOX_MIGRATIONS, migratePlaidSandbox } from './store/migrations';
export { SCENARIOS } from './scenarios/catalog';
