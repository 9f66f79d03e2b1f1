import { matchIdentity } from './identity-match';

const ada = { firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.com', phone: '+14155550123' };

it('matches names across case, middle names, order and accents', () => {
  expect(matchIdentity(ada, { names: ['LOVELACE, ADA AUGUSTA'], emails: [], phones: [] }).nameMatch).toBe(true);
  expect(matchIdentity({ ...ada, firstName: 'Zoë' }, { names: ['Zoe Lovelace'], emails: [], phones: [] }).nameMatch).toBe(true);
  expect(matchIdentity(ada, { names: ['Ada Byron'], emails: [], phones: [] }).nameMatch).toBe(false);
});

it('matches email case-insensitively and phone by its last 10 digits', () => {
  const r = matchIdentity(ada, { names: [], emails: ['ada@example.com'], phones: ['(415) 555-0123'] });
  expect(r).toEqual({ nameMatch: null, emailMatch: true, phoneMatch: true });
  const other = matchIdentity(ada, { names: [], emails: ['eve@example.com'], phones: ['4155550999'] });
  expect(other).toEqual({ nameMatch: null, emailMatch: false, phoneMatch: false });
});

it('says null where the bank gave nothing to compare', () => {
  expect(matchIdentity(ada, { names: [], emails: [], phones: [] })).toEqual({ nameMatch: null, emailMatch: null, phoneMatch: null });
});
