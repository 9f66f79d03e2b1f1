/**
 * Plaid's OpenAPI spec as a validator for tests: parsed once per test file, OpenAPI 3.0
 * `nullable` rewritten to JSON Schema, then ajv (+ formats) validates any payload against
 * `#/components/schemas/<Name>`. A second check reports fields the spec does not document at all,
 * which `additionalProperties: true` would otherwise let through (a misspelled optional field).
 * It also records which schemas were exercised, for the coverage report.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Plaid's spec lives in the shared folder beside the repository (`../shared/plaid/`, as on a
 * developer's machine and in CI); PLAID_OPENAPI_SPEC points elsewhere.
 */
const SPEC_CANDIDATES = [
  process.env.PLAID_OPENAPI_SPEC,
  path.join(__dirname, '..', '..', '..', 'shared', 'plaid', 'openapi-2020-09-14.yml'),
  '/work/shared/plaid/openapi-2020-09-14.yml',
].filter((p): p is string => Boolean(p));
export const SPEC_PATH = SPEC_CANDIDATES.find((p) => existsSync(p)) ?? SPEC_CANDIDATES[0];

type Json = Record<string, unknown>;

interface OpenApi {
  paths: Record<string, { post: { requestBody: { content: { 'application/json': { schema: { $ref: string } } } }; responses: Record<string, { content?: { 'application/json': { schema: { $ref: string } } } }> } }>;
  components: { schemas: Record<string, Json> };
}

/** OpenAPI 3.0 `nullable: true` -> JSON Schema (type union, or anyOf with null). */
function denullify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(denullify);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) if (k !== 'nullable') out[k] = denullify(v);
  if ((node as Json).nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

const refName = (ref: string) => ref.replace('#/components/schemas/', '');

export class PlaidSpec {
  readonly doc: OpenApi;
  private readonly schemas: Record<string, Json>;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Schemas validated directly, and everything reachable from them. */
  readonly validated = new Set<string>();
  readonly validatedDirectly = new Set<string>();

  constructor(path = SPEC_PATH) {
    this.doc = parse(readFileSync(path, 'utf8')) as OpenApi;
    this.schemas = denullify(this.doc.components.schemas) as Record<string, Json>;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    for (const f of ['double', 'float', 'binary', 'cognito_id', 'int32', 'int64']) this.ajv.addFormat(f, true);
    this.ajv.addSchema({ $id: 'plaid', components: { schemas: this.schemas } });
  }

  requestSchemaName(path: string): string {
    return refName(this.doc.paths[path].post.requestBody.content['application/json'].schema.$ref);
  }

  responseSchemaName(path: string, status = '200'): string {
    return refName(this.doc.paths[path].post.responses[status].content!['application/json'].schema.$ref);
  }

  /** Top-level request fields the spec defines for an endpoint. */
  requestFields(path: string): string[] {
    return Object.keys((this.schemas[this.requestSchemaName(path)].properties as Json) ?? {});
  }

  /** Problems with `data` against the schema: ajv errors plus undocumented fields. Empty = conformant. */
  problems(schemaName: string, data: unknown): string[] {
    if (!this.schemas[schemaName]) throw new Error(`no schema ${schemaName} in the spec`);
    let validate = this.compiled.get(schemaName);
    if (!validate) {
      validate = this.ajv.getSchema(`plaid#/components/schemas/${schemaName}`)!;
      this.compiled.set(schemaName, validate);
    }
    this.validatedDirectly.add(schemaName);
    this.markValidated(schemaName);
    const out = validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    out.push(...this.undocumented({ $ref: `#/components/schemas/${schemaName}` }, data, '').map((p) => `${p} is not documented in ${schemaName}`));
    return out;
  }

  private resolve(s: Json): Json {
    let cur = s;
    while (typeof cur.$ref === 'string') cur = this.schemas[refName(cur.$ref)];
    return cur;
  }

  /** Property schemas of an object schema, merging allOf. */
  private properties(s: Json): Record<string, Json> | undefined {
    const r = this.resolve(s);
    let props: Record<string, Json> | undefined = r.properties as Record<string, Json> | undefined;
    for (const part of (r.allOf as Json[] | undefined) ?? []) {
      const p = this.properties(part);
      if (p) props = { ...(props ?? {}), ...p };
    }
    return props;
  }

  private undocumented(schema: Json, data: unknown, path: string): string[] {
    if (data === null || typeof data !== 'object') return [];
    const s = this.resolve(schema);
    if (Array.isArray(s.anyOf)) {
      const nonNull = (s.anyOf as Json[]).filter((b) => b.type !== 'null');
      return nonNull.length === 1 ? this.undocumented(nonNull[0], data, path) : [];
    }
    if (Array.isArray(data)) return s.items ? data.flatMap((d, i) => this.undocumented(s.items as Json, d, `${path}[${i}]`)) : [];
    const props = this.properties(s);
    if (!props) return []; // free-form object (e.g. metadata)
    return Object.entries(data as Json).flatMap(([k, v]) => (props[k] ? this.undocumented(props[k], v, `${path}.${k}`) : [`${path}.${k}`]));
  }

  private markValidated(name: string): void {
    if (this.validated.has(name)) return;
    this.validated.add(name);
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(walk);
      if (n === null || typeof n !== 'object') return;
      for (const [k, v] of Object.entries(n as Json)) {
        if (k === '$ref' && typeof v === 'string') this.markValidated(refName(v));
        else walk(v);
      }
    };
    walk(this.schemas[name]);
  }
}
