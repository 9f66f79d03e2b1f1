/** Underwriting: pure rules from bank history to an explainable decision. */
export * from './types';
export { DEFAULT_UNDERWRITING_POLICY, UNDERWRITING_MODEL_VERSION, maxTierLimitCents } from './policy';
export type { IncomePolicy, LimitTier, UnderwritingPolicy } from './policy';
export { deriveFeatures, lookbackStart, underwrite } from './underwrite';
export type { DerivedFeatures } from './underwrite';
export { REASON_PRIORITY } from './reasons';
export { normalizeCounterparty, counterpartyOf, isIncomeCandidate, isLabeledIncome, isOtherCashAdvance } from './counterparty';
export { detectIncomeStreams, incomeStabilityOf } from './income';
export { reconstructDailyBalances, averageDailyBalance, primaryAccount, postedTransactions } from './balances';
export type { DailyBalance } from './balances';
export { feeKindOf, overdraftFeatures } from './overdrafts';
export { identityStatus } from './identity';
export { accountFromPlaid, transactionFromPlaid, bankHistoryFromPlaid } from './plaid-mapping';
export type { PlaidAccountLike, PlaidTransactionLike } from './plaid-mapping';
