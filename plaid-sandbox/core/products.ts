/** Plaid's Products enum (spec: Products) and the ones an Item can be initialized with. */
export const PRODUCTS = [
  'assets', 'auth', 'balance', 'balance_plus', 'beacon', 'identity', 'identity_match', 'investments', 'investments_auth',
  'liabilities', 'payment_initiation', 'identity_verification', 'transactions', 'credit_details', 'income', 'income_verification',
  'standing_orders', 'transfer', 'employment', 'recurring_transactions', 'transactions_refresh', 'signal', 'statements',
  'processor_payments', 'processor_identity', 'profile', 'cra_base_report', 'cra_income_insights', 'cra_partner_insights',
  'cra_network_insights', 'cra_cashflow_insights', 'cra_monitoring', 'cra_lend_score', 'cra_plaid_credit_score', 'layer',
  'pay_by_bank', 'protect_linked_bank', 'protect_transactions',
] as const;

/** Plaid refuses these in initial products: they come with every Item or are not Item products. */
const NOT_INITIAL = new Set(['balance', 'recurring_transactions', 'transactions_refresh']);

export function invalidInitialProducts(products: readonly string[]): string[] {
  return products.filter((p) => NOT_INITIAL.has(p));
}
