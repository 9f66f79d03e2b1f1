import { identityStatus, signalVerdict } from './identity';

const policy = { required: false, minScore: 70 };

describe('identity', () => {
  it('reads booleans, scores and missing data', () => {
    expect(signalVerdict(true, 70)).toBe('match');
    expect(signalVerdict(false, 70)).toBe('mismatch');
    expect(signalVerdict(70, 70)).toBe('match');
    expect(signalVerdict(69, 70)).toBe('mismatch');
    expect(signalVerdict(null, 70)).toBe('unknown');
    expect(signalVerdict(undefined, 70)).toBe('unknown');
    expect(signalVerdict(NaN, 70)).toBe('unknown');
  });

  it.each([
    [{ nameMatch: 95, emailMatch: 100 }, 'matched'],
    [{ nameMatch: true }, 'matched'],
    [{ nameMatch: true, emailMatch: null, phoneMatch: null, addressMatch: null }, 'matched'],
    [{ nameMatch: true, emailMatch: false, phoneMatch: true }, 'matched'],
    [{ nameMatch: 40, emailMatch: 100 }, 'mismatch'],
    [{ nameMatch: false }, 'mismatch'],
    [{ nameMatch: 90, emailMatch: false, phoneMatch: 10, addressMatch: null }, 'mismatch'],
    [{ nameMatch: null, emailMatch: true }, 'unverified'],
    [{ nameMatch: null, emailMatch: false }, 'mismatch'],
  ] as const)('%j -> %s', (identity, status) => {
    expect(identityStatus(identity, policy)).toBe(status);
  });

  it('is not_checked without a result', () => {
    expect(identityStatus(null, policy)).toBe('not_checked');
    expect(identityStatus(undefined, policy)).toBe('not_checked');
  });
});
