import { advanceStateWords, customerReturnWords, debitsStoppedWords } from './customer-words.en';

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

describe('advanceStateWords and debitsStoppedWords', () => {
  it('tells a customer whose advance came back that nothing is owed', () => {
    const w = advanceStateWords({ status: 'returned', outstandingCents: 0, returnedTransfer: { purpose: 'disbursement', returnCode: 'R03' }, repaymentInFlight: false });
    expect(w).toMatchObject({ state: 'returned' });
    expect(w.what).toMatch(/couldn’t find the account.*never reached you.*owe nothing/);
    expect(w.next).toMatch(/Link another/);
  });

  it('tells a customer whose repayment came back late that the advance is owed again', () => {
    const w = advanceStateWords({ status: 'outstanding', outstandingCents: 3000, returnedTransfer: { purpose: 'repayment', returnCode: 'R10' }, repaymentInFlight: false });
    expect(w.state).toBe('repayment_returned');
    expect(w.what).toMatch(/owed again/);
    expect(w.next).toMatch(/won’t try again/);
  });

  it('says debits stopped and how to authorize again', () => {
    const w = debitsStoppedWords('R10');
    expect(w.what).toMatch(/stopped taking any payment/);
    expect(w.next).toMatch(/authorize Timely/);
  });
});
