/**
 * Holds a real reply to the route's documented response schema (api/openapi-registry.ts): every
 * documented field is there with its type, and nothing undocumented is (zod drops unknown keys,
 * so parse-then-compare shows them). The web client is generated from these schemas.
 */
import { registeredRoutes } from '../../api/openapi-registry';
import type { Reply } from './api';

function routeFor(method: string, path: string) {
  const p = path.split('?')[0];
  return registeredRoutes().find(
    (r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:[A-Za-z_]+/g, '[^/]+')}$`).test(p),
  );
}

export function expectDocumented(method: string, path: string, reply: Reply): void {
  const route = routeFor(method, path);
  if (!route) throw new Error(`no registered route for ${method} ${path}`);
  const schema = route.responses[reply.status]?.schema;
  if (!schema) throw new Error(`${method} ${route.path} documents no schema for ${reply.status}`);
  const parsed = schema.safeParse(reply.body);
  if (!parsed.success) throw new Error(`${method} ${path} ${reply.status} does not match its schema: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`);
  expect(parsed.data).toEqual(reply.body);
}
