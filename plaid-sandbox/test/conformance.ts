/** Assertions shared by the conformance tests: responses and errors against the spec's schemas. */
import { PlaidSpec } from './spec';

export class Conformance {
  readonly spec = new PlaidSpec();
  /** Endpoint paths whose 200 response was validated, and those whose error body was. */
  readonly okCovered = new Set<string>();
  readonly errorCovered = new Set<string>();

  /** The 200 body of `path` conforms to its response schema (required fields present, types, formats, nothing undocumented). */
  ok(path: string, body: unknown): void {
    this.okCovered.add(path);
    const problems = this.spec.problems(this.spec.responseSchemaName(path), body);
    if (problems.length > 0) throw new Error(`${path} response does not conform:\n  ${problems.join('\n  ')}\n${JSON.stringify(body, null, 2).slice(0, 3000)}`);
    if (typeof (body as { request_id?: unknown }).request_id !== 'string') throw new Error(`${path} response has no request_id`);
  }

  /** A failed call answered Plaid's error object with the expected code and HTTP status. */
  error(path: string, failure: { status: number; body: Record<string, unknown> }, code: string, status = 400): void {
    this.errorCovered.add(path);
    const problems = this.spec.problems('PlaidError', failure.body);
    if (problems.length > 0) throw new Error(`${path} error body does not conform:\n  ${problems.join('\n  ')}`);
    const b = failure.body;
    const summary = `${failure.status} ${b.error_type}/${b.error_code}: ${b.error_message}`;
    if (b.error_code !== code || failure.status !== status) throw new Error(`${path}: expected ${status} ${code}, got ${summary}`);
    for (const field of ['request_id', 'causes', 'documentation_url', 'suggested_action', 'display_message'])
      if (!(field in b)) throw new Error(`${path}: error body lacks ${field}`);
  }

  /** A webhook body conforms to its schema. */
  webhook(schemaName: string, body: unknown): void {
    const problems = this.spec.problems(schemaName, body);
    if (problems.length > 0) throw new Error(`webhook does not conform to ${schemaName}:\n  ${problems.join('\n  ')}`);
  }
}
