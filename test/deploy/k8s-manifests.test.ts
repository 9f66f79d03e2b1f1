/**
 * k8s/ and the Temporal Cloud overlay (deploy/temporal-cloud/) against the Kubernetes API schemas
 * (kubernetes-models, installed; see support.ts), plus the house rules for workloads: restricted
 * security context, resources, probes, pinned images, private registry, a worker grace period
 * that lets activities finish, and references that point at objects that exist.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildKustomization,
  K8S_DIR,
  K8sObject,
  loadK8sDir,
  LoadedDoc,
  parseYamlDocs,
  podTemplates,
  ROOT,
  validateK8s,
  yamlFiles,
} from './support';

const TIMELY_IMAGE = 'registry.example.com/timely/timely';
const base = loadK8sDir();
const overlay = buildKustomization(path.join(ROOT, 'deploy', 'temporal-cloud'));
const byKind = (docs: LoadedDoc[], kind: string) => docs.filter((d) => d.obj.kind === kind).map((d) => d.obj);
const find = (docs: LoadedDoc[], kind: string, name: string) => docs.find((d) => d.obj.kind === kind && d.obj.metadata.name === name)?.obj;

describe('schemas', () => {
  test('every manifest in k8s/ validates against the Kubernetes API schemas, unknown fields included', () => {
    expect(base.length).toBeGreaterThanOrEqual(15);
    expect(validateK8s(base)).toEqual({});
  });

  test('the Temporal Cloud overlay builds and validates', () => {
    expect(validateK8s(overlay)).toEqual({});
    expect(find(overlay, 'Job', 'timely-temporal-setup')).toBeUndefined();
  });

  test('deliberately broken manifests are rejected', () => {
    const api = find(base, 'Deployment', 'timely-api') as K8sObject;
    const broken = (mutate: (d: any) => void): LoadedDoc => {
      const copy = JSON.parse(JSON.stringify(api));
      mutate(copy);
      return { file: 'broken.yaml', index: 0, obj: copy };
    };
    const cases: [string, LoadedDoc, RegExp][] = [
      ['misspelt field', broken((d) => (d.spec.template.spec.containers[0].readinessProb = d.spec.template.spec.containers[0].readinessProbe)), /readinessProb/],
      ['field at the wrong level', broken((d) => (d.spec.terminationGracePeriodSeconds = 30)), /terminationGracePeriodSeconds/],
      ['wrong type', broken((d) => (d.spec.template.spec.containers[0].ports[0].containerPort = 'http')), /integer|number/],
      ['missing required field', broken((d) => delete d.spec.selector), /selector/],
      ['value outside an enum', broken((d) => (d.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes')), /Sometimes|allowed/],
      ['unknown kind', { file: 'broken.yaml', index: 0, obj: { apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } } }, /unknown apiVersion\/kind/],
      ['retired API version', { file: 'broken.yaml', index: 0, obj: { ...api, apiVersion: 'extensions/v1beta1' } }, /unknown apiVersion\/kind/],
    ];
    for (const [what, doc, pattern] of cases) {
      const errors = Object.values(validateK8s([doc])).flat();
      expect({ what, rejected: errors.length > 0 }).toEqual({ what, rejected: true });
      expect(errors.join("\n")).toMatch(pattern);
    }
    // YAML-level breakage is caught too.
    expect(() => parseYamlDocs('a: 1\na: 2\n', 'dup.yaml')).toThrow(/dup/i);
  });
});

describe('kustomization', () => {
  const kustomization = parseYamlDocs(readFileSync(path.join(K8S_DIR, 'kustomization.yaml'), 'utf8'), 'k8s/kustomization.yaml')[0] as {
    namespace: string;
    resources: string[];
    images: { name: string; newTag: string }[];
  };

  test('lists every manifest except the Secret template', () => {
    const files = yamlFiles(K8S_DIR)
      .map((f) => path.basename(f))
      .filter((f) => f !== 'kustomization.yaml' && f !== 'secret.example.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    expect(kustomization.resources).not.toContain('secret.example.yaml');
    expect(kustomization.resources[0]).toBe('namespace.yaml');
  });

  test('namespace and image tag agree with the manifests', () => {
    for (const { obj } of base) if (obj.kind !== 'Namespace') expect(`${obj.kind}/${obj.metadata.name} ${obj.metadata.namespace}`).toBe(`${obj.kind}/${obj.metadata.name} ${kustomization.namespace}`);
    const tags = new Set(podTemplates(base).flatMap((p) => p.spec.containers.filter((c) => c.image.startsWith(`${TIMELY_IMAGE}:`)).map((c) => c.image.split(':').pop())));
    expect([...tags]).toEqual([kustomization.images.find((i) => i.name === TIMELY_IMAGE)?.newTag]);
  });
});

describe('workloads follow the house rules', () => {
  const pods = podTemplates(base);

  test('the expected workloads exist', () => {
    expect(byKind(base, 'Deployment').map((d) => d.metadata.name).sort()).toEqual(['timely-api', 'timely-worker']);
    expect(byKind(base, 'Job').map((d) => d.metadata.name).sort()).toEqual(['timely-migrate', 'timely-schedules', 'timely-temporal-setup']);
    const commands = Object.fromEntries(pods.map((p) => [p.owner.metadata.name, p.spec.containers[0].command?.join(' ')]));
    expect(commands).toMatchObject({
      'timely-api': 'node dist/api/main.js',
      'timely-worker': 'node dist/worker/main.js',
      'timely-migrate': 'node dist/db/migrate-cli.js',
      'timely-schedules': 'node dist/scripts/schedules.js',
    });
  });

  test.each(pods.map((p) => [p.owner.metadata.name, p] as const))('%s: restricted security context', (_name, { spec }) => {
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.securityContext?.runAsUser).toBeGreaterThan(0);
    expect(spec.automountServiceAccountToken).toBe(false);
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.securityContext?.privileged ?? false).toBe(false);
      expect(c.securityContext?.capabilities).not.toHaveProperty('add');
    }
  });

  test.each(pods.map((p) => [p.owner.metadata.name, p] as const))('%s: pinned images, resources, private registry', (_name, { spec }) => {
    for (const c of spec.containers) {
      expect(c.image).toMatch(/^[a-z0-9./-]+:[A-Za-z0-9._-]+(@sha256:[0-9a-f]{64})?$/);
      expect(c.image).not.toMatch(/:latest$/);
      for (const kind of ['requests', 'limits'] as const) expect(Object.keys(c.resources?.[kind] ?? {}).sort()).toEqual(['cpu', 'memory']);
      if (c.image.startsWith(`${TIMELY_IMAGE}:`)) expect(spec.imagePullSecrets).toEqual([{ name: 'timely-registry' }]);
      // /tmp is the only writable path (readOnlyRootFilesystem).
      expect(c.volumeMounts?.find((m) => m.mountPath === '/tmp')).toBeDefined();
    }
  });

  test('deployments have probes on declared ports, and selectors that match their pods', () => {
    for (const { owner, spec, labels } of pods.filter((p) => p.owner.kind === 'Deployment')) {
      const c = spec.containers[0];
      const portNames = new Set((c.ports ?? []).map((p) => p.name));
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) {
        const port = (c[probe] as { httpGet?: { port: string } } | undefined)?.httpGet?.port;
        expect(`${owner.metadata.name} ${probe} ${port}`).toBe(`${owner.metadata.name} ${probe} ${portNames.has(port) ? port : '(a declared port)'}`);
      }
      expect(labels).toMatchObject((owner.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels);
    }
    const api = pods.find((p) => p.owner.metadata.name === 'timely-api')?.spec.containers[0];
    expect((api?.livenessProbe as { httpGet: { path: string } }).httpGet.path).toBe('/healthz');
    expect((api?.readinessProbe as { httpGet: { path: string } }).httpGet.path).toBe('/readyz');
  });

  test('the worker may finish in-flight activities before it is killed', () => {
    const worker = pods.find((p) => p.owner.metadata.name === 'timely-worker')?.spec as NonNullable<(typeof pods)[0]['spec']>;
    const cm = find(base, 'ConfigMap', 'timely-config') as K8sObject & { data: Record<string, string> };
    const grace = Number(cm.data.WORKER_SHUTDOWN_GRACE_SECONDS);
    expect(grace).toBeGreaterThanOrEqual(60);
    expect(worker.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(grace + 15);
    expect(worker.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(60);
    expect(worker.terminationGracePeriodSeconds).toBeLessThanOrEqual(300);
  });

  test('API and worker are scaled and protected separately', () => {
    for (const name of ['timely-api', 'timely-worker']) {
      const hpa = byKind(base, 'HorizontalPodAutoscaler').find((h) => (h.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === name);
      expect(hpa?.spec).toMatchObject({ scaleTargetRef: { kind: 'Deployment', apiVersion: 'apps/v1' } });
      expect((hpa?.spec as { minReplicas: number }).minReplicas).toBeGreaterThanOrEqual(2);
      const dep = find(base, 'Deployment', name) as K8sObject & { spec: { selector: { matchLabels: Record<string, string> } } };
      const pdb = byKind(base, 'PodDisruptionBudget').find(
        (p) => JSON.stringify((p.spec as { selector: unknown }).selector) === JSON.stringify(dep.spec.selector),
      );
      expect(pdb).toBeDefined();
    }
  });
});

describe('references resolve', () => {
  const names = (kind: string) => new Set(byKind(base, kind).map((o) => o.metadata.name));

  test('services select pods, the ingress targets a service port, config and secrets exist', () => {
    const podLabels = podTemplates(base).map((p) => p.labels);
    for (const svc of byKind(base, 'Service')) {
      const spec = svc.spec as { selector: Record<string, string>; ports: { name: string; targetPort: string }[] };
      const pod = podTemplates(base).find((p) => Object.entries(spec.selector).every(([k, v]) => p.labels[k] === v));
      expect(`${svc.metadata.name} -> ${pod ? 'pods' : 'nothing'}`).toBe(`${svc.metadata.name} -> pods`);
      const ports = new Set(pod?.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name)));
      for (const p of spec.ports) expect(ports.has(p.targetPort)).toBe(true);
    }
    expect(podLabels.length).toBeGreaterThan(0);
    for (const ing of byKind(base, 'Ingress')) {
      for (const rule of (ing.spec as { rules: { http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[] }).rules)
        for (const { backend } of rule.http.paths) {
          const svc = find(base, 'Service', backend.service.name);
          expect((svc?.spec as { ports: { name: string }[] }).ports.map((p) => p.name)).toContain(backend.service.port.name);
          expect(backend.service.port.name).not.toBe('metrics');
        }
    }
    const secretTemplate = loadK8sDir().filter((d) => d.file.endsWith('secret.example.yaml')).map((d) => d.obj.metadata.name);
    for (const { owner, spec } of podTemplates(base)) {
      for (const c of spec.containers) {
        for (const src of c.envFrom ?? []) {
          if (src.configMapRef) expect(names('ConfigMap').has(src.configMapRef.name)).toBe(true);
          if (src.secretRef) expect(secretTemplate).toContain(src.secretRef.name);
        }
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.configMapKeyRef;
          if (ref) expect(Object.keys((find(base, 'ConfigMap', ref.name) as { data?: Record<string, string> } | undefined)?.data ?? {})).toContain(ref.key);
        }
      }
      if (spec.serviceAccountName) expect(`${owner.metadata.name}: ${spec.serviceAccountName}`).toBe(`${owner.metadata.name}: ${[...names('ServiceAccount')].find((n) => n === spec.serviceAccountName)}`);
    }
  });

  test('the Secret template holds placeholders only', () => {
    const secret = loadK8sDir().find((d) => d.file.endsWith('secret.example.yaml'))?.obj as K8sObject & { stringData: Record<string, string>; data?: unknown };
    expect(secret.data).toBeUndefined();
    for (const [k, v] of Object.entries(secret.stringData)) expect(`${k}=${v}`).toBe(`${k}=REPLACE_ME`);
  });

  test('the Cloud overlay mounts the client certificate where the config points', () => {
    const cm = find(overlay, 'ConfigMap', 'timely-config') as K8sObject & { data: Record<string, string> };
    const cert = cm.data.TEMPORAL_TLS_CERT_PATH;
    const key = cm.data.TEMPORAL_TLS_KEY_PATH;
    expect(cert && key).toBeTruthy();
    for (const name of ['timely-api', 'timely-worker', 'timely-schedules']) {
      const pod = podTemplates(overlay).find((p) => p.owner.metadata.name === name)?.spec as NonNullable<ReturnType<typeof podTemplates>[0]['spec']>;
      const vol = pod.volumes?.find((v) => v.secret?.secretName === 'timely-temporal-tls');
      const mount = pod.containers[0].volumeMounts?.find((m) => m.name === vol?.name);
      expect(mount?.readOnly).toBe(true);
      expect([path.posix.join(mount?.mountPath ?? '', 'tls.crt'), path.posix.join(mount?.mountPath ?? '', 'tls.key')]).toEqual([cert, key]);
    }
  });
});
