/**
 * Account owners for /identity/get. Plaid's own sandbox user has a fixed identity; scenario users
 * get one derived from their seed, and any Item's identity can be set (JSON password `identity`,
 * the Link token's `user`, or POST /__sandbox/identity/set) so Timely can test matching it
 * against its customer.
 */
import type { Rng } from './rng';
import type { Owner } from './types';

/** The identity Plaid's sandbox returns for user_good. */
export const PLAID_SANDBOX_OWNER: Owner = {
  names: ['Alberta Bobbeth Charleson'],
  phone_numbers: [
    { data: '+1 415-555-0122', primary: true, type: 'home' },
    { data: '+1 415-555-0123', primary: false, type: 'work' },
    { data: '+1 415-555-0124', primary: false, type: 'mobile' },
  ],
  emails: [
    { data: 'accountholder0@example.com', primary: true, type: 'primary' },
    { data: 'accountholder1@example.com', primary: false, type: 'secondary' },
    { data: 'extraordinarily.long.email.username.123456@reallylonghostname.com', primary: false, type: 'other' },
  ],
  addresses: [
    { data: { street: '2992 Cameron Road', city: 'Malakoff', region: 'NY', postal_code: '14236', country: 'US' }, primary: true },
    { data: { street: '2493 Leisure Lane', city: 'San Matias', region: 'CA', postal_code: '93405-2255', country: 'US' }, primary: false },
  ],
};

const FIRST = ['Maria', 'James', 'Aaliyah', 'Daniel', 'Priya', 'Marcus', 'Sofia', 'Kevin', 'Latoya', 'Luis', 'Hannah', 'Andre', 'Mei', 'Tyler', 'Fatima', 'Jordan'];
const MIDDLE = ['A.', 'J.', 'L.', 'M.', 'R.', 'T.'];
const LAST = ['Garcia', 'Johnson', 'Nguyen', 'Williams', 'Patel', 'Brown', 'Martinez', 'Davis', 'Robinson', 'Lopez', 'Kim', 'Walker', 'Hernandez', 'Okafor'];
const STREETS = ['Oak Street', 'Maple Avenue', 'Cedar Lane', 'Pine Court', 'Elm Drive', 'Lakeview Road', 'Sunset Boulevard', 'Hillcrest Way'];
const CITIES: [string, string, string][] = [
  ['Columbus', 'OH', '43215'],
  ['Phoenix', 'AZ', '85004'],
  ['Charlotte', 'NC', '28202'],
  ['Austin', 'TX', '78701'],
  ['Tampa', 'FL', '33602'],
  ['Sacramento', 'CA', '95814'],
  ['Atlanta', 'GA', '30303'],
  ['Denver', 'CO', '80202'],
];

/** A plausible US account holder, reproducible from the seed. Phone numbers use the 555-01xx fiction range. */
export function generatedOwner(rng: Rng): Owner {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const [city, region, postal] = rng.pick(CITIES);
  const n = rng.int(10, 99);
  return {
    names: [`${first} ${rng.pick(MIDDLE)} ${last}`],
    phone_numbers: [{ data: `+1 ${rng.pick(['614', '602', '704', '512', '813', '916', '404', '303'])}-555-01${n}`, primary: true, type: 'mobile' }],
    emails: [{ data: `${first.toLowerCase()}.${last.toLowerCase()}${n}@example.com`, primary: true, type: 'primary' }],
    addresses: [{ data: { street: `${rng.int(100, 9899)} ${rng.pick(STREETS)}`, city, region, postal_code: postal, country: 'US' }, primary: true }],
  };
}

/** Identity given loosely (plain strings allowed), as in a JSON password or a control call. */
export interface LooseOwner {
  names?: string[];
  emails?: (string | { data: string; primary?: boolean; type?: string })[];
  phone_numbers?: (string | { data: string; primary?: boolean; type?: string })[];
  addresses?: ({ street: string; city?: string | null; region?: string | null; postal_code?: string | null; country?: string | null } | { data: { street: string; city?: string | null; region?: string | null; postal_code?: string | null; country?: string | null }; primary?: boolean })[];
}

const EMAIL_TYPES = ['primary', 'secondary', 'other'] as const;
const PHONE_TYPES = ['home', 'work', 'office', 'mobile', 'mobile1', 'other'] as const;

function oneOf<T extends string>(allowed: readonly T[], v: string | undefined, fallback: T): T {
  return allowed.includes(v as T) ? (v as T) : fallback;
}

/** Normalizes a loose identity into Plaid's Owner shape; the first entry of each list is primary. */
export function ownerFromLoose(loose: LooseOwner): Owner {
  return {
    names: loose.names ?? [],
    emails: (loose.emails ?? []).map((e, i) =>
      typeof e === 'string'
        ? { data: e, primary: i === 0, type: i === 0 ? 'primary' : 'secondary' }
        : { data: e.data, primary: e.primary ?? i === 0, type: oneOf(EMAIL_TYPES, e.type, i === 0 ? 'primary' : 'secondary') },
    ),
    phone_numbers: (loose.phone_numbers ?? []).map((p, i) =>
      typeof p === 'string' ? { data: p, primary: i === 0, type: 'mobile' } : { data: p.data, primary: p.primary ?? i === 0, type: oneOf(PHONE_TYPES, p.type, 'mobile') },
    ),
    addresses: (loose.addresses ?? []).map((a, i) => {
      const d = 'data' in a ? a.data : a;
      const primary = 'data' in a ? (a.primary ?? i === 0) : i === 0;
      return {
        data: { street: d.street, city: d.city ?? null, region: d.region ?? null, postal_code: d.postal_code ?? null, country: d.country ?? null },
        primary,
      };
    }),
  };
}
