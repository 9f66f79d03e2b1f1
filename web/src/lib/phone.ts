/**
 * What a person types as a US phone number ("(415) 555-0123", "415.555.0123", "+1 415…") in the
 * E.164 form the API takes. Anything else is sent as typed, and the API says what is wrong.
 */
export function toE164(input: string): string {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return trimmed;
}
