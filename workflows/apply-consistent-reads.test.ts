/**
 * Issue 14, "consistent decisions": an application reads `approved` only when the account's limit
 * is visible too. The decision and the account's terms are written in one transaction
 * (recordDecision), so while applications run, GET /v1/applications/:id and GET /v1/me are polled
 * concurrently and no read of /v1/me that starts after an approval was read may miss its limit.
 */
import { startSystem, TestSystem } from '../test/support/system';
import { call, signUpAndSignIn } from '../test/support/api';
import { ledgerChecks } from '../test/support/transfers';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(() => sys.close());

interface Read {
  startedAt: number;
  endedAt: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function linkedCustomer() {
  const c = await signUpAndSignIn(sys.api);
  const pub = await call(sys.api, 'POST', '/v1/bank/sandbox/public-token', { token: c.token, body: { username: 'user_steady_biweekly' } });
  expect((await call(sys.api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: pub.body.publicToken } })).status).toBe(201);
  return c;
}

async function read(token: string, path: string): Promise<Read> {
  const startedAt = performance.now();
  const r = await call(sys.api, 'GET', path, { token });
  expect(r.status).toBe(200);
  return { startedAt, endedAt: performance.now(), body: r.body };
}

/** Applies, and reads the application and /v1/me side by side until a while after the decision. */
async function applyWhileReading(token: string) {
  const app = await call(sys.api, 'POST', '/v1/applications', { token });
  expect(app.status).toBe(202);
  let approvedAt: number | null = null;
  const appReads: Read[] = [];
  const meReads: Read[] = [];
  const deadline = Date.now() + 60_000;
  const readsAfterApproval = (reads: Read[]) => reads.filter((r) => approvedAt !== null && r.startedAt > approvedAt).length;
  await Promise.all([
    (async () => {
      while (readsAfterApproval(appReads) < 3 && Date.now() < deadline) {
        const r = await read(token, `/v1/applications/${app.body.id}`);
        appReads.push(r);
        if (r.body.status === 'approved') approvedAt ??= r.endedAt;
        else if (r.body.status !== 'running') throw new Error(`the application ended ${r.body.status}`);
      }
    })(),
    (async () => {
      while (readsAfterApproval(meReads) < 5 && Date.now() < deadline) meReads.push(await read(token, '/v1/me'));
    })(),
  ]);
  return { approvedAt, appReads, meReads };
}

it('never shows an approved application while GET /v1/me lacks its limit', async () => {
  const customers = await Promise.all([linkedCustomer(), linkedCustomer(), linkedCustomer()]);
  const runs = await Promise.all(customers.map((c) => applyWhileReading(c.token)));
  for (const { approvedAt, appReads, meReads } of runs) {
    expect(approvedAt).not.toBeNull();
    // The readers saw the application running first: the transition happened while they watched.
    expect(appReads[0].body.status).toBe('running');
    const approvals = appReads.filter((r) => r.body.status === 'approved');
    const limit = approvals[0].body.decision.limitCents;
    expect(limit).toBeGreaterThan(0);
    expect(approvals.every((r) => r.body.decision.limitCents === limit && r.body.steps.done.includes('update_limit'))).toBe(true);
    // Every read of /v1/me that began after the approval was read shows the approval and its limit.
    const later = meReads.filter((r) => r.startedAt > approvedAt!);
    expect(later.length).toBeGreaterThanOrEqual(5);
    for (const r of later) expect(r.body.advance).toMatchObject({ approved: true, limitCents: limit });
  }
  expect(await ledgerChecks(sys.db)).toEqual({ total: 0, unbalanced: 0 });
}, 120_000);
