/**
 * Matches what a customer told us (name, email, phone) against the owners the bank reports
 * (Plaid /identity/get). Pure. Names: every given token of our first and last name must appear
 * among one owner's name tokens (banks add middle names, reorder, upper-case). Email: exact,
 * case-insensitive. Phone: the same last 10 digits (banks drop the country code). A signal is
 * null when the bank gave nothing to compare.
 */
export interface Applicant {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export interface BankOwners {
  names: string[];
  emails: string[];
  phones: string[];
}

export interface IdentityMatchResult {
  nameMatch: boolean | null;
  emailMatch: boolean | null;
  phoneMatch: boolean | null;
}

const tokens = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);

const lastDigits = (phone: string) => phone.replace(/\D/g, '').slice(-10);

export function matchIdentity(applicant: Applicant, owners: BankOwners): IdentityMatchResult {
  const wanted = [...tokens(applicant.firstName), ...tokens(applicant.lastName)];
  const nameMatch = owners.names.length
    ? owners.names.some((n) => {
        const have = new Set(tokens(n));
        return wanted.length > 0 && wanted.every((t) => have.has(t));
      })
    : null;
  const emailMatch = owners.emails.length ? owners.emails.some((e) => e.trim().toLowerCase() === applicant.email.trim().toLowerCase()) : null;
  const phoneMatch = owners.phones.length ? owners.phones.some((p) => lastDigits(p) === lastDigits(applicant.phone) && lastDigits(p).length === 10) : null;
  return { nameMatch, emailMatch, phoneMatch };
}
