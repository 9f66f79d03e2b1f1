/**
 * Applications: the customer applies (an applyWorkflow starts) and reads the decision; staff
 * list them with links to each run in the Temporal UI.
 */
import { Router } from 'express';
import { z } from 'zod';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { liveItemOf } from '../../activities/bank/bank-store';
import { ApplicationRow, createApplication, getApplication, getDecision, listApplications } from '../../activities/underwriting/applications-store';
import { getPool } from '../../db/pool';
import { config } from '../../platform/config';
import { DomainError } from '../../platform/errors';
import { logger } from '../../platform/logger';
import { AccountIdKey, TimelyStatusKey } from '../../platform/search-attributes';
import { temporalUiLink } from '../../platform/temporal';
import { getTemporalClient } from '../../platform/temporal-client';
import { APPLY_STEPS, applicationProgressQuery, applyWorkflow, applyWorkflowIdPrefix, ApplyProgress } from '../../workflows/apply';
import { requireCustomer, requireStaff, subject } from '../auth';
import { defineRoute } from '../openapi-registry';
import { badRequest, notFound } from '../problem';
import * as s from '../schemas';

const STATUSES = ['running', 'approved', 'declined', 'failed'] as const;

async function startApplyRun(app: ApplicationRow): Promise<void> {
  const cfg = config();
  await getTemporalClient().workflow.start(applyWorkflow, {
    taskQueue: cfg.TEMPORAL_TASK_QUEUE,
    workflowId: app.workflowId,
    args: [{ applicationId: app.id, accountId: app.accountId, localSteps: true }],
    // A repeated request joins the running run; a finished application is never run again.
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [
      { key: AccountIdKey, value: app.accountId },
      { key: TimelyStatusKey, value: 'running' },
    ],
    staticSummary: `Application #${app.seq} of account ${app.accountId}`,
  });
}

const PROGRESS_QUERY_DEADLINE_MS = 2000;

/** Live progress from the workflow while it runs; the stored record once it is done. */
async function applicationView(app: ApplicationRow) {
  let progress: ApplyProgress | undefined;
  // Running or failed: the workflow knows its steps (a query works on a closed run too). A decided
  // application went through every step, in order.
  if (app.status === 'running' || app.status === 'failed') {
    const client = getTemporalClient();
    // A run answers queries between its workflow tasks; one whose short steps (local activities)
    // are retrying a slow bank holds its task for up to 8 s. The stored record answers after 2 s.
    progress = await client.connection
      .withDeadline(Date.now() + PROGRESS_QUERY_DEADLINE_MS, () => client.workflow.getHandle(app.workflowId).query(applicationProgressQuery))
      .catch((err) => {
        logger.warn({ err, workflowId: app.workflowId }, 'progress query failed; answering from the database');
        return undefined;
      });
  }
  const status = app.status === 'running' && progress && progress.status !== 'running' ? progress.status : app.status;
  // By the status answered, not the row read before the query: the run reports its decision only
  // after recordDecision committed it, so a row read a moment earlier may still say `running`.
  const decision = status === 'approved' || status === 'declined' ? await getDecision(getPool(), app.id) : undefined;
  return {
    id: app.id,
    workflowId: app.workflowId,
    status,
    steps: { current: progress?.currentStep ?? null, done: progress?.stepsDone ?? (app.status === 'approved' || app.status === 'declined' ? [...APPLY_STEPS] : []) },
    ...(decision
      ? {
          decision: {
            approved: decision.approved,
            limitCents: decision.limitCents,
            reasons: decision.reasons,
            modelVersion: decision.modelVersion,
            nextPayday: decision.nextPayday,
            decidedAt: decision.decidedAt,
          },
        }
      : {}),
    ...(app.failure ? { failure: app.failure } : {}),
    createdAt: app.createdAt,
    completedAt: app.completedAt,
  };
}

const idempotencyKey = z.string().trim().min(1).max(100).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export function applicationRoutes(router: Router): void {
  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/applications',
      summary: 'Apply for advances: starts underwriting (send an Idempotency-Key header to make retries safe)',
      tag: 'Applications',
      auth: 'customer',
      responses: {
        // A repeated Idempotency-Key answers the same application in whatever state it is now.
        202: { description: 'Started (or, for a repeated Idempotency-Key, the same application as it is now)', schema: z.object({ id: z.string(), workflowId: z.string(), status: z.enum(STATUSES) }) },
        409: { description: 'No linked bank, or an application is already running' },
      },
    },
    [requireCustomer],
    async (_i, req, res) => {
      const accountId = subject(res).subjectId;
      const keyHeader = req.get('idempotency-key');
      const key = keyHeader === undefined ? null : idempotencyKey.safeParse(keyHeader);
      if (key && !key.success) throw badRequest('The Idempotency-Key header is invalid.', [{ field: 'header.Idempotency-Key', message: key.error.issues[0].message }]);
      const item = await liveItemOf(getPool(), accountId);
      if (!item) throw new DomainError('conflict', 'no-linked-bank', 'Link your bank before applying (POST /v1/bank/link).');
      if (item.status === 'login_required') throw new DomainError('conflict', 'bank-login-required', 'Your bank needs you to sign in again: re-link it before applying.');
      const { application } = await createApplication(getPool(), accountId, key ? key.data : null, applyWorkflowIdPrefix(accountId));
      // Also on a replay of a running application: the first request may have died before starting it.
      if (application.status === 'running') await startApplyRun(application);
      res.status(202).json({ id: application.id, workflowId: application.workflowId, status: application.status });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/applications',
      summary: "The caller's applications, newest first",
      tag: 'Applications',
      auth: 'customer',
      responses: { 200: { description: 'OK', schema: z.object({ items: z.array(s.application) }) } },
    },
    [requireCustomer],
    async (_i, _req, res) => {
      const apps = await listApplications(getPool(), { accountId: subject(res).subjectId, limit: 50 });
      res.json({ items: await Promise.all(apps.map(applicationView)) });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/applications/:id',
      summary: 'One application: live steps while it runs, the decision with reasons after',
      tag: 'Applications',
      auth: 'customer',
      params: z.object({ id: s.uuid }),
      responses: { 200: { description: 'OK', schema: s.application } },
    },
    [requireCustomer],
    async ({ params }, _req, res) => {
      const app = await getApplication(getPool(), params.id);
      // Someone else's application is as unknown as a missing one.
      if (!app || app.accountId !== subject(res).subjectId) throw notFound('No such application.');
      res.json(await applicationView(app));
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/applications',
      summary: 'Applications across accounts, filterable by status, with their Temporal UI links',
      tag: 'Staff',
      auth: 'staff',
      query: z.strictObject({ status: z.enum(STATUSES).optional(), accountId: s.uuid.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      responses: { 200: { description: 'OK', schema: z.object({ items: z.array(s.adminApplication) }) } },
    },
    [requireStaff()],
    async ({ query }, _req, res) => {
      const apps = await listApplications(getPool(), query);
      res.json({ items: await Promise.all(apps.map(adminApplicationView)) });
    },
  );
}

export async function adminApplicationView(app: ApplicationRow) {
  return { ...(await applicationView(app)), accountId: app.accountId, temporalUrl: temporalUiLink(config(), app.workflowId) };
}
