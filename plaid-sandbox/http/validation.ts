/**
 * Request bodies are checked with zod and failures become Plaid's INVALID_REQUEST errors:
 * MISSING_FIELDS (naming every missing field), UNKNOWN_FIELDS (top-level names the spec does not
 * define for the endpoint), INVALID_FIELD (wrong type, format or range, naming the field).
 *
 * Each endpoint's schema lists every top-level field Plaid's spec defines for the request, the
 * ones the sandbox ignores included (`ignored(...)`), so that a client sending a legal field is
 * never refused; a test checks those lists against the spec.
 */
import { z } from 'zod';
import { PlaidApiError } from './plaid-error';

/** Every request may carry credentials in the body (or in headers). */
const CREDENTIALS = { client_id: z.string().nullish(), secret: z.string().nullish() };

/** Top-level request schema: strict, so a misspelled field is reported the way Plaid does. */
export function requestSchema<T extends z.ZodRawShape>(shape: T, ignoredFields: readonly string[] = []) {
  const ignoredShape: Record<string, z.ZodOptional<z.ZodUnknown>> = {};
  for (const f of ignoredFields) ignoredShape[f] = z.unknown().optional();
  return z.strictObject({ ...CREDENTIALS, ...ignoredShape, ...shape });
}

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let v: unknown = body;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

const fieldName = (path: PropertyKey[]): string =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');

/** Parses or throws the Plaid error that describes the first class of problem found. */
export function parseRequest<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new PlaidApiError('INVALID_BODY', 'body must be a JSON object');
  const result = schema.safeParse(body);
  if (result.success) return result.data;

  const missing: string[] = [];
  const unknown: string[] = [];
  let invalid: string | undefined;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      unknown.push(...issue.keys.map((k) => fieldName([...issue.path, k])));
    } else if (issue.path.length > 0 && valueAt(body, issue.path) === undefined) {
      missing.push(fieldName(issue.path));
    } else {
      invalid ??= `${fieldName(issue.path)} ${describe(issue)}`;
    }
  }
  if (missing.length > 0)
    throw new PlaidApiError('MISSING_FIELDS', `the following required fields are missing: ${missing.join(', ')}`);
  if (unknown.length > 0)
    throw new PlaidApiError('UNKNOWN_FIELDS', `the following fields are not recognized by this endpoint: ${unknown.join(', ')}`);
  throw new PlaidApiError('INVALID_FIELD', invalid ?? 'invalid request body');
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be of type ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${issue.minimum} characters` : issue.origin === 'array' ? `must contain at least ${issue.minimum} item(s)` : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : issue.origin === 'array' ? `must contain at most ${issue.maximum} item(s)` : `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

/** Helpers shared by the endpoint schemas. */
export const accessTokenField = z.string().min(1);
export const webhookUrl = z.url({ protocol: /^https?$/ });
