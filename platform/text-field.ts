/**
 * The one zod helper for every free-text field a client sends (names, emails, notes, search
 * terms, sandbox identifiers): what is stored, shown to support staff and searched must be plain
 * text. Control characters are refused rather than stripped, so a client learns its input was
 * wrong instead of having something else stored; then the text is NFC-normalised (the same name
 * typed on two keyboards compares equal) and trimmed, and only then measured.
 *
 * Refused everywhere: C0 controls (NUL, BEL, backspace, ESC sequences, ...), DEL, C1 controls,
 * bidi embedding/override/isolate controls (they reorder what staff read), and lone surrogates.
 * Single-line fields also refuse newline, tab, VT, FF, CR and U+2028/U+2029; multi-line fields
 * (notes) allow newline and tab (not U+2028/U+2029), with CRLF stored as LF.
 */
import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextOptions {
  max: number;
  /** default 1: required text; 0 allows an empty string after trimming */
  min?: number;
  /** allow newline and tab (notes) */
  multiline?: boolean;
}

export function text({ max, min = 1, multiline = false }: TextOptions) {
  const forbidden = multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN;
  let schema = z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .refine((s) => !LONE_SURROGATE.test(s), { message: 'must not contain a lone surrogate (not valid Unicode)', abort: true })
    .overwrite((s) => (multiline ? s.replace(/\r\n/g, '\n') : s))
    .refine((s) => !forbidden.test(s), { message: multiline ? 'must not contain control characters' : 'must not contain control characters or line breaks', abort: true })
    .normalize('NFC')
    .trim();
  if (min > 0) schema = schema.min(min, min === 1 ? 'is required' : `must be at least ${min} characters`);
  return schema.max(max, `must be at most ${max} characters`);
}
