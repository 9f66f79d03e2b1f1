/**
 * The set-based AdvanceState (one statement for a sweep's batch) against real histories made by
 * the transfer workflows and the sandbox's events: an account with no advance, one owing a settled
 * advance (then told about its repayment), one whose repayment came back (R01) and waits for
 * support, and one that repaid. Read
 * together, each account gets exactly what it gets read alone: no account's rows leak into
 * another's.
 */
import { evaluateActivities } from '../evaluate/activities';
import { advanceState } from './advance-state';
import { advanceStates } from './advance-states';
import { startSystem, TestSystem } from '../../test/support/system';
import {
  customerWithReturnedRepayment,
  customerWithSettledAdvance,
  handleOf,
  ledgerChecks,
  linkedCustomer,
  plaidTransferIdOf,
  simulate,
  startRepayment,
  webhookUrlOf,
} from '../../test/support/transfers';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
}, 60_000);
afterAll(() => sys.close());

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

it('reads every account of a batch in one statement, each exactly as it reads alone', async () => {
  const hook = webhookUrlOf(sys.api);
  const none = (await linkedCustomer(sys.api)).accountId;
  const owing = await customerWithSettledAdvance(sys, 3000);
  const returned = await customerWithReturnedRepayment(sys, 'R01', 2500);
  const repaid = await customerWithSettledAdvance(sys, 2000);
  const repayment = await startRepayment(sys.temporal.client, repaid.disbursement, 2000);
  const pid = await plaidTransferIdOf(repayment.id);
  for (const event of ['posted', 'settled', 'funds_available'] as const) await simulate(sys.sandbox, pid, event, hook);
  await handleOf(sys.temporal.client, repayment).result();

  const ids = [none, owing.accountId, returned.accountId, repaid.accountId];
  const together = await advanceStates(sys.db, ids);
  expect([...together.keys()].sort()).toEqual([...ids].sort());
  for (const id of ids) expect({ id, state: together.get(id) }).toEqual({ id, state: await advanceState(sys.db, id) });

  expect(together.get(none)).toEqual({ advance: null, transferInFlight: null, lastRepaymentAttempt: null, lastRepaidOn: null, lastAdvanceReturn: null, debitsStopped: null });

  const o = together.get(owing.accountId)!;
  expect(o.advance).toEqual({ id: owing.disbursement.advanceId, outstandingCents: 3000, disbursedOn: expect.stringMatching(isoDay), announcedRepayment: null });
  expect(o).toMatchObject({ transferInFlight: null, lastRepaymentAttempt: null, lastAdvanceReturn: null, debitsStopped: null });

  const r = together.get(returned.accountId)!;
  expect(r.advance).toMatchObject({ id: returned.disbursement.advanceId, outstandingCents: 2500 });
  expect(r.lastRepaymentAttempt).toEqual({
    transferId: returned.repayment.id,
    outcome: 'returned',
    on: expect.stringMatching(isoDay),
    returnCode: 'R01',
    priorRepresentments: 0,
    originalSettlementDate: expect.stringMatching(isoDay),
    priorFailedRetries: 0,
  });
  // R01 is not an unauthorized return: debits go on.
  expect(r.debitsStopped).toBeNull();

  const p = together.get(repaid.accountId)!;
  expect(p.advance).toBeNull();
  // Plaid's funds_available day, not the day it was stored.
  expect(p.lastRepaidOn).toMatch(isoDay);
  expect(p.lastAdvanceReturn).toBeNull();

  // The evaluate module tells the owing customer about a repayment: the advance's state carries it.
  const told = { accountId: owing.accountId, advanceId: owing.disbursement.advanceId, amountCents: 3000, scheduledFor: '2027-01-04', sentOn: '2026-12-30' };
  await evaluateActivities().sendRepaymentNotice(told);
  expect((await advanceStates(sys.db, ids)).get(owing.accountId)!.advance!.announcedRepayment).toEqual({ amountCents: 3000, scheduledFor: '2027-01-04', sentOn: '2026-12-30' });

  expect(await ledgerChecks(sys.db)).toEqual({ total: 0, unbalanced: 0 });
}, 120_000);
