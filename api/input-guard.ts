/**
 * Strings PostgreSQL cannot store, or that are not text at all, are refused before any schema or
 * handler sees them: a NUL byte (Postgres rejects it as "invalid byte sequence", a 500 if it gets
 * that far) and a lone UTF-16 surrogate (not a Unicode scalar value; it would be stored as U+FFFD
 * or fail on the way out). Checked on every body, query and path value of every route, whatever
 * its schema says, so a field without the text helper (api/text.ts) cannot let one through.
 */
import type { FieldError } from './problem';

const NUL = /\u0000/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function unstorableStringProblem(s: string): string | undefined {
  if (NUL.test(s)) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(s)) return 'must not contain a lone surrogate (not valid Unicode)';
  return undefined;
}

/** Every string (values and object keys) in `value` that cannot be stored, with its field path. */
export function unstorableStrings(value: unknown, path: string[] = [], out: FieldError[] = [], depth = 0): FieldError[] {
  const field = () => path.join('.') || 'body';
  if (typeof value === 'string') {
    const why = unstorableStringProblem(value);
    if (why) out.push({ field: field(), message: why });
  } else if (depth < 32 && value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const keyWhy = unstorableStringProblem(k);
      if (keyWhy) out.push({ field: [...path, '(key)'].join('.'), message: `key ${keyWhy}` });
      else unstorableStrings(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}
