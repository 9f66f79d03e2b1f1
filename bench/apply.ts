/**
 * `npm run bench -- apply [--n 500] [--concurrency 100]`
 * Starts N applications through the API (each customer linked to the steady-earner sandbox user)
 * and measures throughput and end-to-end latency (POST /v1/applications -> workflow completed),
 * beside this run's ceiling: the same number of workflows with the same shape of no-op activities
 * (5 activities, 2 of them in parallel, + 1 local) on the same server and worker, run before and
 * after the applications and counted together.
 */
import { parseArgs } from 'node:util';
import { createAccount } from '../activities/accounts/accounts-store';
import { createSession } from '../activities/accounts/sessions';
import { bankDeps } from '../activities/bank/deps';
import { createSandboxPublicToken, linkBank } from '../activities/bank/link';
import { getPool } from '../db/pool';
import { config } from '../platform/config';
import { getTemporalClient } from '../platform/temporal-client';
import { applyWorkflow } from '../workflows/apply';
import { benchNoopWorkflow } from '../workflows/bench-noop';
import { BenchEnv, startBenchEnv } from './env';
import { activityBreakdown } from './breakdown';
import { startPhaseProfile } from './phase-profile';
import { historyBytesSummary } from './history-bytes';
import { formatSummary, pool, summarize } from './stats';
import { formatCpu, startCpuMeter } from './cpu-meter';

export async function benchApply(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { n: { type: 'string', default: '500' }, concurrency: { type: 'string', default: '100' } } });
  const n = Number(values.n);
  const concurrency = Number(values.concurrency);
  const env: BenchEnv = await startBenchEnv();
  try {
    process.stderr.write(`seeding ${n} customers with a linked steady-earner bank...\n`);
    const customers = await pool(
      Array.from({ length: n }, (_, i) => i),
      20,
      async (i) => {
        const a = await createAccount(getPool(), {
          email: `bench${i}.${Date.now()}@example.com`,
          firstName: 'Bench',
          lastName: `Customer${i}`,
          phone: `+1415${String(2000000 + i).padStart(7, '0')}`,
        });
        await getPool().query(`UPDATE accounts.accounts SET status = 'active' WHERE id = $1`, [a.id]);
        const pub = await createSandboxPublicToken(bankDeps(), { username: 'user_steady_biweekly', owner: { name: `Bench Customer${i}`, email: a.email, phone: a.phone } });
        await linkBank(bankDeps(), a.id, pub);
        const { token } = await createSession(getPool(), 'customer', a.id, 3600);
        return { accountId: a.id, token };
      },
      'seeded',
    );

    // The seeded tables' statistics and dirty pages settled first, so neither phase races
    // autovacuum's analyze or a checkpoint of the seeding's writes.
    await getPool().query('ANALYZE');
    await getPool().query('CHECKPOINT');

    const client = getTemporalClient();
    const taskQueue = config().TEMPORAL_TASK_QUEUE;
    // The baseline runs before and after the applications and counts as one: a machine that drifts
    // over the run (the same code measured 15-23 no-ops a second from run to run) then weighs on
    // both sides alike.
    const runBaseline = async (label: string) => {
      process.stderr.write(`${label}: no-op workflows of the same shape...\n`);
      const cpu = startCpuMeter(env.processes);
      const t0 = Date.now();
      const latencies = await pool(
        customers,
        concurrency,
        async (_c, i) => {
          const s = Date.now();
          await client.workflow.execute(benchNoopWorkflow, { taskQueue, workflowId: `bench-noop-${t0}-${i}`, args: [{ activities: 5, localActivities: 1, parallelFirst: 2 }] });
          return Date.now() - s;
        },
        label,
      );
      return { latencies, wall: Date.now() - t0, cpu: cpu.stop() };
    };
    const before = await runBaseline('baseline before');

    process.stderr.write('apply: applications through the API...\n');
    const stopProfile = await startPhaseProfile(`apply-c${concurrency}`);
    const applyCpu = startCpuMeter(env.processes);
    const t1 = Date.now();
    const approved = { yes: 0 };
    const workflowIds: string[] = [];
    const apply = await pool(
      customers,
      concurrency,
      async (c) => {
        const s = Date.now();
        const res = await fetch(`${env.apiUrl}/v1/applications`, { method: 'POST', headers: { authorization: `Bearer ${c.token}` } });
        if (res.status !== 202) throw new Error(`POST /v1/applications answered ${res.status}: ${await res.text()}`);
        const { workflowId } = (await res.json()) as { workflowId: string };
        workflowIds.push(workflowId);
        const result = await client.workflow.getHandle<typeof applyWorkflow>(workflowId).result();
        if (result.status === 'approved') approved.yes += 1;
        return Date.now() - s;
      },
      'apply',
    );
    const applyWall = Date.now() - t1;
    const applyCpuSeconds = applyCpu.stop();
    await stopProfile();
    const after = await runBaseline('baseline after');

    const b = summarize([...before.latencies, ...after.latencies], before.wall + after.wall);
    const a = summarize(apply, applyWall);
    const lines = [
      `machine: ${env.machine}`,
      `n=${n}, concurrency=${concurrency}, worker: ${config().WORKER_MAX_CONCURRENT_ACTIVITIES} activity slots, ${config().WORKER_MAX_CONCURRENT_WORKFLOW_TASKS} workflow task slots, prebuilt bundle`,
      formatSummary('baseline before', summarize(before.latencies, before.wall)),
      formatSummary('baseline after', summarize(after.latencies, after.wall)),
      formatSummary('baseline (no-op, same shape)', b),
      formatSummary('apply (through the API)', a),
      `ratio apply/baseline throughput: ${(a.perSecond / b.perSecond).toFixed(2)}   p50 latency ratio: ${(a.p50 / b.p50).toFixed(2)}`,
      `approved: ${approved.yes}/${n}`,
      formatCpu('CPU of the baseline (before and after)', Object.fromEntries(Object.keys(before.cpu).map((g) => [g, before.cpu[g] + (after.cpu[g] ?? 0)])), { count: 2 * n, name: 'workflow' }),
      formatCpu('CPU of apply', applyCpuSeconds, { count: n, name: 'application' }),
      'where apply time goes (a sample of 50 runs):',
      await activityBreakdown(client, workflowIds.slice(0, 50)),
      `apply ${await historyBytesSummary(client, workflowIds.slice(0, 50))}`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    await env.stop();
  }
}
