/** Builds /openapi.json from the route registry (see api/openapi-registry.ts). */
import { z } from 'zod';
import { registeredRoutes } from './openapi-registry';
import { SESSION_COOKIE, STAFF_SESSION_COOKIE } from './session-cookie';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registeredRoutes()) {
    const oaPath = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    for (const [status, resp] of Object.entries(r.responses)) {
      responses[status] = {
        description: resp.description,
        ...(resp.schema ? { content: { 'application/json': { schema: jsonSchema(resp.schema, 'output') } } } : {}),
      };
    }
    responses.default = { description: 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    paths[oaPath] ??= {};
    paths[oaPath][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      // Customers: a bearer token, or in the browser the session cookie (POST /v1/auth/verify, session: cookie).
      ...(r.auth === 'none' ? { security: [] } : r.auth === 'customer' ? { security: [{ bearer: [] }, { cookie: [] }] } : { security: [{ bearer: [] }, { staffCookie: [] }] }),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses,
      ...(r.auth === 'staff' ? { description: 'Staff only (password + TOTP sign-in).' } : {}),
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Timely API', version, description: 'Customer and staff API of Timely. Errors are application/problem+json.' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Token from POST /v1/auth/verify (customers) or POST /v1/staff/login (staff).' },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'HttpOnly session cookie set by POST /v1/auth/verify with session: "cookie". Unsafe requests must carry the app\'s Origin.',
        },
        staffCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: STAFF_SESSION_COOKIE,
          description: 'HttpOnly staff session cookie set by POST /v1/staff/login with session: "cookie" (the console). Unsafe requests must carry the app\'s Origin.',
        },
      },
      schemas: { Problem: problemSchema },
    },
  };
}
