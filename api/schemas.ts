/** Request and response schemas shared by several routes. */
import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

import { text } from '../platform/text-field';

/** Every free-text field a client sends goes through this one helper (NFC, trim, limits, no control characters). */
export { text };

export const name = text({ max: 100 });
export const email = text({ max: 254 }).pipe(z.email('must be a valid email address')).transform((e) => e.toLowerCase());
/** A search term typed by staff. */
export const searchTerm = text({ max: 100 });

/** E.164 and a number that can exist (libphonenumber's metadata), stored normalized. */
export const phone = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be in E.164 format, e.g. +14155550123')
  .refine((p) => parsePhoneNumberFromString(p)?.isValid() ?? false, 'is not a valid phone number')
  .transform((p) => parsePhoneNumberFromString(p)!.number);

export const uuid = z.uuid('must be a UUID');

export const account = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string(),
  status: z.enum(['pending_verification', 'active', 'suspended', 'closed']),
  lowBalanceThresholdCents: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

// Response shapes for the documentation (/openapi.json); the handlers build these objects.
const reason = z.object({ code: z.string(), message: z.string() });

/** An advance's state in the customer's words (domain/ach/customer-words.en.ts). */
export const advanceState = z.object({
  state: z.enum(['on_its_way', 'outstanding', 'being_repaid', 'repaid', 'returned', 'repayment_returned', 'cancelled', 'failed']),
  what: z.string(),
  next: z.string().nullable(),
});

export const advanceView = z.object({
  approved: z.boolean(),
  limitCents: z.number().int(),
  expectedPayday: z.string().nullable(),
  thresholdCents: z.number().int(),
  thresholdSource: z.enum(['default', 'customer']),
  current: z.object({ advanceId: z.string(), outstandingCents: z.number().int(), since: z.string(), inFlight: z.enum(['advance', 'repayment']).nullable() }).nullable(),
  nextRepayment: z.object({ amountCents: z.number().int(), on: z.string(), noticeSentOn: z.string() }).nullable(),
  state: advanceState.extend({ advanceId: z.string() }).nullable().describe('The latest advance, in words'),
  debits: z
    .object({ stopped: z.boolean(), returnCode: z.string().nullable(), since: z.string().nullable(), what: z.string().nullable(), next: z.string().nullable() })
    .describe('Nacha: after an unauthorized return no debit is taken until the customer authorizes again (POST /v1/me/debit-authorization)'),
});

export const me = account.extend({ advance: advanceView });

export const application = z.object({
  id: z.string(),
  workflowId: z.string(),
  status: z.enum(['running', 'approved', 'declined', 'failed']),
  steps: z.object({ current: z.string().nullable(), done: z.array(z.string()) }),
  decision: z.object({ approved: z.boolean(), limitCents: z.number().int(), reasons: z.array(reason), modelVersion: z.string(), nextPayday: z.string().nullable(), decidedAt: z.string() }).optional(),
  failure: z.object({ code: z.string(), reason: z.string() }).optional(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

/** An application as staff see it: with the account and a link to its run in the Temporal UI. */
export const adminApplication = application.extend({ accountId: z.string(), temporalUrl: z.string() });

/** One account for staff: its advance terms, applications, bank link, money and every recorded event. */
export const adminAccount = account.extend({
  account: account.describe('The account itself (also spread at the top level, as before)'),
  bank: z
    .object({ status: z.string().describe('active, login_required, ...'), institutionName: z.string().nullable(), linkedAt: z.string() })
    .nullable()
    .describe('The linked bank (null when none is linked)'),
  advances: z.array(z.object({ id: z.string(), principalCents: z.number().int(), outstandingCents: z.number().int(), status: z.string(), createdAt: z.string() })),
  transfers: z.array(
    z.object({
      id: z.string(),
      purpose: z.enum(['disbursement', 'repayment']),
      direction: z.enum(['credit', 'debit']),
      amountCents: z.number().int(),
      status: z.string(),
      returnCode: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
  evaluations: z.array(
    z.object({
      id: z.string(),
      action: z.enum(['none', 'advance', 'repay', 'notify']),
      reasonCode: z.string(),
      message: z.string(),
      amountCents: z.number().int().nullable(),
      evaluatedAt: z.string(),
      temporalUrl: z.string(),
    }),
  ),
  advanceTerms: z
    .object({
      accountId: z.string(),
      applicationId: z.string(),
      approved: z.boolean(),
      limitCents: z.number().int(),
      nextPayday: z.string().nullable(),
      incomeCadence: z.string().nullable(),
      modelVersion: z.string(),
    })
    .nullable(),
  applications: z.array(adminApplication),
  events: z.array(z.object({ id: z.string(), type: z.string(), actor: z.string(), data: z.record(z.string(), z.unknown()), at: z.string() })).describe('Newest first'),
});

export const bankView = z.object({
  institutionName: z.string().nullable(),
  status: z.enum(['active', 'login_required']).describe('login_required: the bank wants the customer to sign in again (Link update mode)'),
  loginRequired: z.boolean().describe('status === login_required'),
  accounts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mask: z.string().nullable(),
      type: z.string(),
      subtype: z.string().nullable(),
      balances: z.object({ currentCents: z.number().int().nullable(), availableCents: z.number().int().nullable(), isoCurrencyCode: z.string().nullable(), asOf: z.string().nullable() }),
    }),
  ),
});

export const balanceHistory = z.object({
  currency: z.literal('USD'),
  accountId: z.string().describe('The watched bank account (as in GET /v1/bank)'),
  points: z.array(z.object({ date: z.string().describe('YYYY-MM-DD'), balanceCents: z.number().int().describe('End-of-day balance') })),
});
