/**
 * `npm run bench -- fuzz [--n 10000] [--concurrency 16] [--seed S]`
 * Issue 12's figure: N generated bad requests (the property test's generators,
 * test/support/bad-requests.ts, invalid by construction) sent over loopback to the benchmark's own
 * stack, with bounded concurrency. Prints requests sent, 5xx answers, error answers that are not
 * problem+json, 2xx answers (each bad request must be refused), and rows written in every schema
 * of the bench's own database. Goal: 0, 0, 0 (and 0 accepted). Each finding is printed in full.
 */
import fc from 'fast-check';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { registeredRoutes } from '../api/openapi-registry';
import { signUpAndSignIn } from '../test/support/api';
import { badRequest, describeRequest } from '../test/support/bad-requests';
import { sendRaw } from '../test/support/raw-http';
import { countChanges, rowCounter, rowsWritten } from '../test/support/row-counts';
import { signedInStaff } from '../test/support/staff';
import { startBenchEnv } from './env';
import { pool } from './stats';

export async function benchFuzz(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { n: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '16' }, seed: { type: 'string', default: '20261201' } },
  });
  const n = Number(values.n);
  const concurrency = Number(values.concurrency);
  const seed = Number(values.seed);
  const env = await startBenchEnv();
  const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const api = { url: env.apiUrl, close: async () => {} };
    const customer = await signUpAndSignIn(api);
    const support = await signedInStaff(api, 'support');
    const operator = await signedInStaff(api, 'operator');
    const callers = { origin: env.apiUrl, customerToken: customer.token, supportToken: support.token, operatorToken: operator.token };
    const counts = await rowCounter(db);
    const routes = registeredRoutes();

    const requests = fc.sample(badRequest(routes, callers), { numRuns: n, seed });
    const before = await counts();
    const findings: string[] = [];
    const tally = { sent: 0, fiveXx: 0, notProblem: 0, accepted: 0, transportErrors: 0 };
    const t0 = Date.now();
    await pool(
      requests,
      concurrency,
      async (req) => {
        tally.sent += 1;
        try {
          const r = await sendRaw(env.apiUrl, req, agent);
          const line = () => `${describeRequest(req)} -> ${r.status} ${r.contentType} ${r.body.slice(0, 300)}`;
          if (r.status >= 500) (tally.fiveXx += 1), findings.push(`5xx: ${line()}`);
          else if (r.status < 400) (tally.accepted += 1), findings.push(`accepted: ${line()}`);
          if (r.status >= 400 && !r.contentType.startsWith('application/problem+json')) (tally.notProblem += 1), findings.push(`not problem+json: ${line()}`);
        } catch (err) {
          tally.transportErrors += 1;
          findings.push(`transport error ${(err as Error).message}: ${describeRequest(req)}`);
        }
      },
      'sent',
    );
    const wallMs = Date.now() - t0;
    // Visibility of writes is immediate in PostgreSQL; a moment lets any stray background work land.
    await new Promise((r) => setTimeout(r, 1_000));
    const after = await counts();

    // The worst first: 5xx, then refusals that were not refused, then the rest.
    const rank = (f: string) => (f.startsWith('5xx') ? 0 : f.startsWith('accepted') ? 1 : f.startsWith('transport') ? 2 : 3);
    findings.sort((a, b) => rank(a) - rank(b));
    for (const f of findings.slice(0, 50)) process.stdout.write(`${f}\n`);
    if (findings.length > 50) process.stdout.write(`... and ${findings.length - 50} more findings\n`);
    const byDefect = new Map<string, number>();
    for (const r of requests) byDefect.set(r.defect, (byDefect.get(r.defect) ?? 0) + 1);
    process.stdout.write(
      [
        `fuzz: ${routes.length} operations x 6 kinds of caller, seed ${seed}, concurrency ${concurrency}, ${(wallMs / 1000).toFixed(1)} s (${((tally.sent * 1000) / wallMs).toFixed(0)} req/s)`,
        `defects: ${[...byDefect].map(([d, c]) => `${d} ${c}`).join(', ')}`,
        `requests sent:           ${tally.sent}`,
        `5xx answers:             ${tally.fiveXx}`,
        `non-problem+json errors: ${tally.notProblem}`,
        `accepted (2xx/3xx):      ${tally.accepted}`,
        `transport errors:        ${tally.transportErrors}`,
        `rows written:            ${rowsWritten(before, after)} ${JSON.stringify(countChanges(before, after))}`,
        `machine: ${env.machine}`,
      ].join('\n') + '\n',
    );
  } finally {
    agent.destroy();
    await db.end();
    await env.stop();
  }
}
