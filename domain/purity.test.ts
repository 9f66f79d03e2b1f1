/**
 * domain/ is imported by Temporal workflows, whose code must be deterministic and free of I/O.
 * This guards the folder: only relative imports that stay inside domain/, no clocks, no
 * randomness, no environment, no timers, no default exports. Test files are exempt.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = __dirname;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Code without comments and string contents, so documentation may name what code may not use. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");
}

const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\b/, 'Date.now'],
  [/\bnew Date\b/, 'new Date'],
  [/\bDate\s*\(/, 'Date()'],
  [/\bMath\.random\b/, 'Math.random'],
  [/\bprocess\./, 'process.*'],
  [/\brequire\s*\(/, 'require()'],
  [/\bset(Timeout|Interval|Immediate)\b/, 'timers'],
  [/\bperformance\./, 'performance'],
  [/\bcrypto\./, 'crypto'],
  [/\bfetch\s*\(/, 'fetch'],
  [/\bexport default\b/, 'default export'],
];

describe('domain/ stays pure', () => {
  const files = sourceFiles(ROOT);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s imports only from domain/', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const spec of specifiers) {
      expect(spec.startsWith('./') || spec.startsWith('../')).toBe(true);
      const target = path.resolve(path.dirname(file), spec);
      expect(target.startsWith(ROOT + path.sep)).toBe(true);
    }
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s uses no clock, randomness, environment or timers', (_name, file) => {
    const code = codeOnly(fs.readFileSync(file, 'utf8'));
    const found = FORBIDDEN.filter(([re]) => re.test(code)).map(([, what]) => what);
    expect(found).toEqual([]);
  });
});
