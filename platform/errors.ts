/**
 * Errors that modules raise for the caller to act on, with no HTTP in them. The API maps them to
 * problem+json (api/problem.ts); activities turn the permanent ones into non-retryable failures.
 */
export type DomainErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable';

export class DomainError extends Error {
  constructor(
    public readonly kind: DomainErrorKind,
    /** stable kebab-case code, e.g. email-taken */
    public readonly code: string,
    message: string,
    public readonly field?: string,
    public readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
