/**
 * Step-up: what could hand the account (or its money) to someone else needs a second factor shown
 * in the last 5 minutes, when the customer has one: linking or unlinking a bank, changing phone or
 * email, adding or removing a factor, making recovery codes. Otherwise 401 `step-up-required`
 * with the methods to offer; the web app prompts (POST /v1/auth/step-up) and repeats the request.
 */
import type { RequestHandler } from 'express';
import { secondFactorMethods } from '../activities/accounts/customer-factors';
import type { Session } from '../activities/accounts/sessions';
import { getPool } from '../db/pool';
import { subject } from './auth';
import { Problem } from './problem';

export const STEP_UP_SECONDS = 300;

export const hasFreshSecondFactor = (s: Session) => s.secondFactorAt !== null && Date.now() - s.secondFactorAt.getTime() < STEP_UP_SECONDS * 1000;

export async function assertStepUp(s: Session): Promise<void> {
  if (hasFreshSecondFactor(s)) return;
  const methods = await secondFactorMethods(getPool(), s.subjectId);
  if (methods.length === 0) return;
  throw new Problem(401, 'step-up-required', 'Confirm it’s you with your second step to continue.', undefined, { methods });
}

/** After requireCustomer. */
export const requireStepUp: RequestHandler = async (_req, res, next) => {
  await assertStepUp(subject(res));
  next();
};

export const STEP_UP_DOC = 'Problem `step-up-required` (with `methods`): show a second factor (POST /v1/auth/step-up), then repeat the request';
