/**
 * `npm run build`: builds the web app into dist/web with Vite, then prints the gzip size of the
 * JavaScript the first page loads (the entry and its static imports), against the 150 kB budget.
 * Exits non-zero when the budget is exceeded, so a heavy dependency cannot slip in unnoticed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';

export const FIRST_PAGE_JS_BUDGET_BYTES = 150 * 1024;
const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'web');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** The entry chunk and everything it imports statically: what the browser must load before the first paint. */
export function firstPageChunks(manifest: Record<string, ManifestChunk>): string[] {
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error('no entry chunk in the Vite manifest');
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) walk(i);
  };
  walk(entry);
  return [...seen].map((k) => manifest[k].file);
}

export function firstPageGzipBytes(outDir = OUT): { files: { file: string; gzip: number }[]; total: number } {
  const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const files = firstPageChunks(manifest).map((file) => ({ file, gzip: gzipSync(readFileSync(path.join(outDir, file)), { level: 9 }).length }));
  return { files, total: files.reduce((s, f) => s + f.gzip, 0) };
}

function main(): void {
  // The Vite CLI, not its Node API: this script runs as CommonJS under tsx, and Vite 8's
  // build resolves its own client helpers only when loaded as an ES module.
  const vite = path.join(ROOT, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--config', path.join(ROOT, 'web', 'vite.config.mts'), '--manifest', ...(process.argv.includes('--quiet') ? ['--logLevel', 'warn'] : [])], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const { files, total } = firstPageGzipBytes();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  for (const f of files) process.stdout.write(`  ${f.file.padEnd(40)} ${kb(f.gzip)} gzip\n`);
  const ok = total <= FIRST_PAGE_JS_BUDGET_BYTES;
  process.stdout.write(`first page JavaScript: ${kb(total)} gzip (budget ${kb(FIRST_PAGE_JS_BUDGET_BYTES)}) ${ok ? 'OK' : 'OVER BUDGET'}\n`);
  if (!ok) process.exit(1);
}

if (require.main === module) main();
