import { customerReturnWords } from './customer-words.en';

describe('customerReturnWords', () => {
  it('tells a customer whose advance bounced off a closed account to link another', () => {
    const w = customerReturnWords('R02', 'disbursement');
    expect(w.what).toMatch(/closed/);
    expect(w.what).toMatch(/never reached you/);
    expect(w.next).toMatch(/Link another/);
  });

  it('promises a bounded retry and no fee for an insufficient-funds repayment', () => {
    const w = customerReturnWords('r1', 'repayment');
    expect(w.what).toMatch(/enough money/);
    expect(w.next).toMatch(/at most twice/);
  });

  it('never promises a retry after an unauthorized return', () => {
    expect(customerReturnWords('R10', 'repayment').next).toMatch(/won’t try again/);
  });

  it('has words for any code, known or not', () => {
    for (const code of ['R99', 'X', 'R06']) expect(customerReturnWords(code, 'repayment').what.length).toBeGreaterThan(10);
  });
});
