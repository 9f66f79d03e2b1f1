/**
 * The environment the deployment files give each process names only variables the code reads
 * (ENV_VARS, platform/config.ts) and includes every one production needs, and the values pass
 * the app's own validation (loadConfig) in the mode each file runs in. Third-party images get a
 * short, documented allowlist. The Dockerfile is checked for the same, and for its shape.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { ConfigError, ENV_VARS, loadConfig } from '../../platform/config';
import { buildKustomization, composeEnv, interpolate, K8sObject, loadK8sDir, LoadedDoc, parseCompose, podTemplates, ROOT } from './support';

/** Variables of other programs' images (by image repository), each with why it is there. */
export const THIRD_PARTY_ENV: Record<string, Record<string, string>> = {
  postgres: {
    POSTGRES_USER: 'official postgres image: superuser name',
    POSTGRES_PASSWORD: 'official postgres image: superuser password',
    POSTGRES_DB: 'official postgres image: database created at init',
  },
  'temporalio/server': {
    DB: "Temporal server image: persistence plugin (postgres12)",
    DB_PORT: 'Temporal server image: database port',
    POSTGRES_SEEDS: 'Temporal server image: database host',
    POSTGRES_USER: 'Temporal server image: database user',
    POSTGRES_PWD: 'Temporal server image: database password',
    BIND_ON_IP: 'Temporal server image: listen address',
    DYNAMIC_CONFIG_FILE_PATH: 'Temporal server image: dynamic config file',
  },
  'temporalio/admin-tools': {
    POSTGRES_SEEDS: 'deploy/compose/temporal-schema.sh: database host',
    DB_PORT: 'deploy/compose/temporal-schema.sh: database port',
    POSTGRES_USER: 'deploy/compose/temporal-schema.sh: database user',
    POSTGRES_PWD: 'deploy/compose/temporal-schema.sh: database password',
    TEMPORAL_ADDRESS: 'Temporal CLI: frontend address',
    TEMPORAL_NAMESPACE: 'Temporal CLI: namespace',
  },
  'temporalio/ui': {
    TEMPORAL_ADDRESS: 'Temporal UI: frontend address',
    TEMPORAL_CORS_ORIGINS: 'Temporal UI: origins allowed to call it',
    TEMPORAL_CODEC_ENDPOINT: 'Temporal UI: the codec server that decodes encrypted payloads (our API, /codec)',
    TEMPORAL_CODEC_INCLUDE_CREDENTIALS: "Temporal UI: send the browser's cookies (the console's staff session) to the codec server",
  },
};

/** Syntactically valid stand-ins for secrets, so loadConfig can judge the rest. */
const FAKE: Record<string, string> = {
  DATABASE_URL: 'postgres://timely:secret@db.example.internal:5432/timely',
  TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32),
  TEMPORAL_PAYLOAD_KEYS: `prod-1:${Buffer.alloc(32, 0xab).toString('base64')}`,
  OTP_PROVIDER: 'twilio',
  PLAID_ENV: 'production',
};
const fake = (name: string) => FAKE[name] ?? 'x';

const KNOWN = new Set<string>(ENV_VARS);
const repo = (image: string) => image.replace(/[:@].*$/, '');

/**
 * What production requires, read from the app's own rules: start from NODE_ENV=production and
 * add each variable loadConfig complains about until it accepts; plus every variable whose
 * default points at a laptop (127.0.0.1/localhost), which production must set.
 */
function productionRequired(): string[] {
  const env: Record<string, string> = { NODE_ENV: 'production' };
  const required = new Set(['NODE_ENV']);
  for (let round = 0; ; round++) {
    try {
      loadConfig(env);
      break;
    } catch (err) {
      if (!(err instanceof ConfigError) || round > 10) throw err;
      for (const problem of err.problems) {
        const name = /^([A-Z][A-Z0-9_]*)/.exec(problem)?.[1];
        if (!name || (required.has(name) && env[name] === fake(name))) throw new Error(`add a valid stand-in for ${name} to FAKE: ${problem}`);
        required.add(name);
        env[name] = fake(name);
      }
    }
  }
  const defaults = loadConfig({}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(defaults))
    if (typeof value === 'string' && /127\.0\.0\.1|localhost/.test(value) && name !== 'PLAID_LOCAL_URL') required.add(name);
  return [...required].sort();
}

/** The env of a container: envFrom ConfigMaps/Secrets (secret values replaced by stand-ins) + env. */
function containerEnv(docs: LoadedDoc[], c: { envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[]; env?: { name: string; value?: string }[] }) {
  const env: Record<string, string> = {};
  const get = (kind: string, name: string) => docs.find((d) => d.obj.kind === kind && d.obj.metadata.name === name)?.obj;
  const secretTemplate = loadK8sDir().find((d) => d.file.endsWith('secret.example.yaml'))?.obj as K8sObject & { stringData: Record<string, string> };
  for (const src of c.envFrom ?? []) {
    if (src.configMapRef) Object.assign(env, (get("ConfigMap", src.configMapRef.name) as unknown as { data: Record<string, string> }).data);
    if (src.secretRef) {
      expect(src.secretRef.name).toBe(secretTemplate.metadata.name);
      for (const k of Object.keys(secretTemplate.stringData)) env[k] = fake(k);
    }
  }
  for (const e of c.env ?? []) env[e.name] = e.value ?? fake(e.name);
  return env;
}

/** Everything wrong with a production Timely container's environment (empty when fine). */
function productionEnvProblems(env: Record<string, string>): string[] {
  const problems = Object.keys(env).filter((k) => !KNOWN.has(k)).map((k) => `${k}: not a variable the code reads`);
  problems.push(...productionRequired().filter((k) => !(k in env)).map((k) => `${k}: required in production, missing`));
  if (env.NODE_ENV !== 'production') problems.push('NODE_ENV: not production');
  if (env.HOST !== '0.0.0.0') problems.push('HOST: must be 0.0.0.0 in a container');
  try {
    loadConfig(env);
  } catch (err) {
    problems.push(...(err instanceof ConfigError ? err.problems : [String(err)]));
  }
  return problems;
}

function timelyPods(docs: LoadedDoc[]) {
  return podTemplates(docs).flatMap(({ owner, spec }) =>
    spec.containers.filter((c) => c.image.startsWith('registry.example.com/timely/timely:')).map((c) => ({ owner, container: c, env: containerEnv(docs, c) })),
  );
}

describe('production requirements', () => {
  test('are derived from platform/config.ts', () => {
    const required = productionRequired();
    for (const name of ['NODE_ENV', 'OTP_PROVIDER', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'PLAID_ENV', 'TOKEN_ENCRYPTION_KEY', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'HOST'])
      expect(required).toContain(name);
  });
});

test('an undeclared, a missing or an invalid variable is caught', () => {
  const good = timelyPods(loadK8sDir()).find((p) => p.owner.metadata.name === 'timely-api')?.env as Record<string, string>;
  expect(productionEnvProblems(good)).toEqual([]);
  const { TOKEN_ENCRYPTION_KEY: _dropped, ...missing } = good;
  expect(productionEnvProblems(missing).join('\n')).toMatch(/TOKEN_ENCRYPTION_KEY: required in production/);
  expect(productionEnvProblems({ ...good, TEMPORAL_ADRESS: 'x' }).join('\n')).toMatch(/TEMPORAL_ADRESS: not a variable the code reads/);
  expect(productionEnvProblems({ ...good, OTP_PROVIDER: 'fake' }).join('\n')).toMatch(/OTP_PROVIDER/);
  expect(productionEnvProblems({ ...good, HOST: '127.0.0.1' }).join('\n')).toMatch(/HOST/);
});

describe.each([
  ['k8s/', () => loadK8sDir()],
  ['deploy/temporal-cloud/', () => buildKustomization(path.join(ROOT, 'deploy', 'temporal-cloud'))],
])('%s', (_name, load) => {
  const docs = load();
  const pods = timelyPods(docs);

  test('ConfigMap and Secret keys are variables the code reads', () => {
    const cm = docs.find((d) => d.obj.kind === 'ConfigMap' && d.obj.metadata.name === 'timely-config')?.obj as K8sObject & { data: Record<string, string> };
    const secret = loadK8sDir().find((d) => d.file.endsWith('secret.example.yaml'))?.obj as K8sObject & { stringData: Record<string, string> };
    expect(Object.keys(cm.data).filter((k) => !KNOWN.has(k))).toEqual([]);
    expect(Object.keys(secret.stringData).filter((k) => !KNOWN.has(k))).toEqual([]);
    // a secret never sits in the ConfigMap
    for (const k of ['DATABASE_URL', 'TOKEN_ENCRYPTION_KEY', 'TWILIO_AUTH_TOKEN', 'PLAID_SECRET', 'TEMPORAL_API_KEY']) expect(cm.data).not.toHaveProperty(k);
  });

  test.each(timelyPods(docs).map((p) => [p.owner.metadata.name, p] as const))('%s: every production variable, valid for loadConfig', (_n, { env }) => {
    expect(productionEnvProblems(env)).toEqual([]);
  });

  test('other images get only their own documented variables', () => {
    for (const { spec } of podTemplates(docs))
      for (const c of spec.containers.filter((x) => !x.image.startsWith('registry.example.com/timely/'))) {
        const allowed = THIRD_PARTY_ENV[repo(c.image)] ?? {};
        expect((c.env ?? []).map((e) => e.name).filter((n) => !(n in allowed))).toEqual([]);
        expect(c.envFrom).toBeUndefined();
      }
  });

  test('the ports the config names are the ports the pods declare', () => {
    for (const { container, env } of pods) {
      const ports = Object.fromEntries((container.ports ?? []).map((p) => [p.name, p.containerPort]));
      if ('http' in ports) expect(ports.http).toBe(Number(env.PORT));
      if ('metrics' in ports) expect(ports.metrics).toBe(Number(env.METRICS_PORT));
    }
    expect(pods.length).toBeGreaterThanOrEqual(4);
  });
});

describe('docker-compose.yml', () => {
  const compose = parseCompose(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Record<string, unknown>> };
  const entries = Object.entries(compose.services);

  test.each(entries.filter(([, s]) => s.build !== undefined))('%s: Timely variables only, valid for loadConfig, reachable addresses', (_name, service) => {
    const env = Object.fromEntries(Object.entries(composeEnv(service)).map(([k, v]) => [k, interpolate(v, {})]));
    expect(Object.keys(env).filter((k) => !KNOWN.has(k))).toEqual([]);
    expect(() => loadConfig(env)).not.toThrow();
    expect(env.HOST).toBe('0.0.0.0');
    // the hosts in the URLs are services of this file
    for (const url of [env.DATABASE_URL, `tcp://${env.TEMPORAL_ADDRESS}`, env.PLAID_LOCAL_URL])
      expect(Object.keys(compose.services)).toContain(new URL(url).hostname);
    // the container cannot write a generated key (read_only), so the file provides one
    expect(env.TOKEN_ENCRYPTION_KEY).toMatch(/^[0-9a-f]{64}$/);
  });

  test.each(entries.filter(([, s]) => s.build === undefined))('%s: only its image’s documented variables', (_name, service) => {
    const allowed = THIRD_PARTY_ENV[repo(String(service.image))] ?? {};
    expect(Object.keys(composeEnv(service)).filter((k) => !(k in allowed))).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  const stages = lines.reduce<string[][]>((acc, l) => (/^FROM\s/i.test(l) ? [...acc, [l]] : (acc[acc.length - 1]?.push(l), acc)), []);
  const runtime = stages[stages.length - 1];

  test('parses and lints clean (dockerfile-utils, the Docker language server\'s validator)', () => {
    const problems = (text: string) => lintDockerfile(text).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(problems(dockerfile)).toEqual([]);
    expect(problems('FROM node:20\nRUNN npm ci\nCOPY dist\nEXPOSE http\n').length).toBe(3);
  });

  test('ENV names only variables the code reads', () => {
    const names = lines.filter((l) => /^ENV\s/.test(l)).flatMap((l) => [...l.slice(4).matchAll(/([A-Z_][A-Z0-9_]*)=/g)].map((m) => m[1]));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !KNOWN.has(n))).toEqual([]);
    expect(dockerfile).toMatch(/WORKFLOW_BUNDLE_PATH=\/app\/dist\/workflow-bundle\.js/);
    expect(dockerfile).toMatch(/HOST=0\.0\.0\.0/);
  });

  test('multi-stage on a pinned slim Node 20, non-root, prod deps only, bundle prebuilt', () => {
    const base = /ARG NODE_IMAGE=(\S+)/.exec(dockerfile)?.[1];
    expect(base).toMatch(/^node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    for (const s of stages) expect(s[0]).toMatch(/^FROM (\$\{NODE_IMAGE\}|deps)( AS [a-z-]+)?$/);
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/npm ci [^\n]*--omit=dev/);
    expect(dockerfile).toMatch(/npx tsc -p \./);
    expect(dockerfile).toMatch(/node dist\/scripts\/bundle-workflows\.js dist\/workflow-bundle\.js/);
    expect(dockerfile).toMatch(/cp -R db\/migrations dist\/db\/migrations/);
    expect(dockerfile).toMatch(/cp -R plaid-sandbox\/migrations dist\/plaid-sandbox\/migrations/);
    const user = runtime.find((l) => /^USER\s/.test(l));
    expect(user).toMatch(/^USER [1-9]\d*(:[1-9]\d*)?$/);
    expect(runtime.some((l) => /^CMD \["node", "dist\/api\/main\.js"\]$/.test(l))).toBe(true);
    expect(runtime.some((l) => /^COPY --from=build \/app\/dist /.test(l))).toBe(true);
    expect(runtime.some((l) => /^COPY --from=prod-deps \/app\/node_modules /.test(l))).toBe(true);
  });

  test('the scripts the files run exist, and the build context keeps them', () => {
    const sources = ['api/main.ts', 'worker/main.ts', 'db/migrate-cli.ts', 'scripts/bundle-workflows.ts', 'scripts/schedules.ts', 'plaid-sandbox/main.ts'];
    // Entry points other people are still writing; drop a name here once its file lands.
    for (const s of sources) expect(`${s}: ${existsSync(path.join(ROOT, s))}`).toBe(`${s}: true`);
    const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    const tsconfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
    for (const dir of tsconfig.include.filter((d) => !['test', 'bench'].includes(d))) expect(ignore).not.toContain(dir);
    for (const must of ['node_modules', '.git', '.env', '.data', 'dist']) expect(ignore).toContain(must);
  });
});
