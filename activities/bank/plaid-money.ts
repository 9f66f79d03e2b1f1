/** Plaid's nullable dollar amounts (balances) as integer cents; see domain/money.ts for the rule. */
import { plaidAmountToCents } from '../../domain/money';

export const nullableCents = (amount: number | null | undefined): number | null => (amount === null || amount === undefined ? null : plaidAmountToCents(amount));
