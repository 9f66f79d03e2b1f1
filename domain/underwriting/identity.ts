/**
 * Is the bank account the applicant's own? Advances go to, and repayments come from, this
 * account: sending money to someone else's account is both fraud exposure and a wrong debit.
 *
 * Rule: the owner's NAME must match, and among email / phone / address, none that the bank
 * reported may contradict us if none of them matches (one matching contact point is enough;
 * all missing is fine, banks often hold no email).
 */
import type { IdentityMatch, IdentityStatus, MatchSignal } from './types';
import type { UnderwritingPolicy } from './policy';

type SignalVerdict = 'match' | 'mismatch' | 'unknown';

export function signalVerdict(signal: MatchSignal | undefined, minScore: number): SignalVerdict {
  if (signal === null || signal === undefined) return 'unknown';
  if (typeof signal === 'boolean') return signal ? 'match' : 'mismatch';
  if (!Number.isFinite(signal)) return 'unknown';
  return signal >= minScore ? 'match' : 'mismatch';
}

export function identityStatus(identity: IdentityMatch | null | undefined, policy: UnderwritingPolicy['identity']): IdentityStatus {
  if (!identity) return 'not_checked';
  const name = signalVerdict(identity.nameMatch, policy.minScore);
  if (name === 'mismatch') return 'mismatch';
  const contacts = [identity.emailMatch, identity.phoneMatch, identity.addressMatch].map((s) => signalVerdict(s, policy.minScore));
  const anyContactMatch = contacts.includes('match');
  const anyContactMismatch = contacts.includes('mismatch');
  if (anyContactMismatch && !anyContactMatch) return 'mismatch';
  if (name === 'unknown') return 'unverified';
  return 'matched';
}
