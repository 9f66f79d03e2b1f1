/** Request and response schemas shared by several routes. */
import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

const trimmed = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const name = trimmed(100);
export const email = z.string().trim().max(254).pipe(z.email('must be a valid email address')).transform((e) => e.toLowerCase());

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
