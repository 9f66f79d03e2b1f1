/**
 * One definition per route drives both request validation and the OpenAPI document, so the
 * published contract cannot drift from what the server enforces. Schemas are zod; the document
 * uses zod's own JSON Schema output.
 */
import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { badRequest, FieldError } from './problem';
import { unstorableStrings } from './input-guard';
import { readBody } from './request-body';

export type Auth = 'none' | 'customer' | 'staff';

export interface RouteSpec<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'delete' | 'put';
  path: string; // express syntax, e.g. /v1/admin/accounts/:id
  summary: string;
  tag: string;
  auth: Auth;
  body?: B;
  query?: Q;
  params?: P;
  /** status -> response schema (documentation) */
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

export interface Validated<B, Q, P> {
  body: B;
  query: Q;
  params: P;
}

const registered: RouteSpec[] = [];

export function registeredRoutes(): readonly RouteSpec[] {
  return registered;
}

export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || prefix || 'body',
    message: i.message,
  }));
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  // Before the schema: a NUL or lone surrogate is refused on every field, with or without a text helper.
  const unstorable = unstorableStrings(value, where === 'body' ? [] : [where]);
  if (unstorable.length) throw badRequest(`The ${where} is invalid.`, unstorable);
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw badRequest(`The ${where} is invalid.`, fieldErrors(r.error, where === 'body' ? undefined : where));
  return r.data;
}

/**
 * Registers a route on the router with validation first; the handler receives typed input.
 * Auth middleware is given by the caller (api/auth.ts) so this file stays free of sessions.
 */
export function defineRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  router: Router,
  spec: RouteSpec<B, Q, P>,
  guards: RequestHandler[],
  handler: (input: Validated<z.output<B>, z.output<Q>, z.output<P>>, req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) => Promise<void> | void,
): void {
  if (!registered.some((r) => r.method === spec.method && r.path === spec.path)) registered.push(spec as unknown as RouteSpec);
  router[spec.method](spec.path, ...guards, async (req, res) => {
    // 415 for a body that is not JSON, 400 for a required body that is missing (see request-body.ts).
    const body = readBody(req, spec.method, spec.body);
    const input = {
      body: parse(spec.body, body, 'body'),
      query: parse(spec.query, req.query, 'query'),
      params: parse(spec.params, req.params, 'params'),
    };
    await handler(input, req, res);
  });
}
