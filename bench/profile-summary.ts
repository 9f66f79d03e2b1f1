/**
 * `npx tsx bench/profile-summary.ts <dir or .cpuprofile>...`: where the CPU went in `node --cpu-prof`
 * profiles of a benchmark (bench/RESULTS.md). Each sample's time goes to the first of: the local
 * Plaid sandbox (any frame of its synchronous stack in plaid-sandbox/), else the sample's own frame:
 * our code, the workflow bundle (our workflows with the SDK's workflow runtime, in its sandboxed
 * context), pg, Temporal's SDK, the Plaid client (plaid + axios), other libraries (express, pino, zod, ...), Node itself, GC. A
 * builtin (JSON.stringify, a socket's writev) counts for the nearest caller outside Node itself. tsx's
 * loader thread writes a profile of its own beside each process's main one: it is listed too.
 * The sandbox's share is a floor: its queries' asynchronous work (pg parsing) lands under pg.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** A frame's home by its script URL; '' for frames without one (builtins, natives, GC). */
function categoryOf(url: string): string {
  if (!url) return '';
  if (url.includes('/plaid-sandbox/')) return 'Plaid sandbox';
  if (/bundle[^/]*\.js$/.test(url) && url.includes('timely-')) return 'workflow bundle';
  if (/node_modules\/(pg|pg-protocol|pg-pool|pg-types|pgpass|postgres-)/.test(url)) return 'pg';
  if (url.includes('node_modules/@temporalio/')) return 'Temporal SDK';
  if (/node_modules\/(axios|plaid)\//.test(url)) return 'Plaid client';
  if (url.includes('node_modules/')) return 'other libraries';
  if (url.startsWith('node:') || !url.includes('/')) return 'Node itself';
  if (url.includes('/bench/')) return 'benchmark driver';
  return 'our code'; // any other file of the checkout (activities, api, domain, platform, db, worker, workflows)
}

export function summarizeProfile(p: Profile): Map<string, number> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sandboxStack = new Map<number, boolean>();
  const inSandbox = (id: number): boolean => {
    const known = sandboxStack.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id)!;
    const up = parent.get(id);
    const v = n.callFrame.url.includes('/plaid-sandbox/') || (up !== undefined && inSandbox(up));
    sandboxStack.set(id, v);
    return v;
  };
  // Builtins (JSON.stringify, crypto) and Node's own modules (net's socket writes, streams) work
  // for whoever called them: their time goes to the nearest caller that is not Node itself.
  const homeOf = new Map<number, string>();
  const home = (id: number): string => {
    const known = homeOf.get(id);
    if (known !== undefined) return known;
    const own = categoryOf(byId.get(id)!.callFrame.url);
    const up = parent.get(id);
    const v = own && own !== 'Node itself' ? own : up !== undefined ? home(up) : 'Node itself';
    homeOf.set(id, v);
    return v;
  };
  const out = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const fn = byId.get(id)!.callFrame.functionName;
    const cat = fn === '(idle)' ? 'idle' : fn === '(garbage collector)' ? 'GC' : fn === '(program)' ? 'Node itself' : inSandbox(id) ? 'Plaid sandbox' : home(id);
    out.set(cat, (out.get(cat) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

/** Profiles named, or in the folders named (and their subfolders: <dir>/worker). */
function files(args: string[]): string[] {
  return args.flatMap((a) => (statSync(a).isDirectory() ? files(readdirSync(a).map((f) => path.join(a, f))) : a.endsWith('.cpuprofile') ? [a] : []));
}

if (require.main === module) {
  for (const f of files(process.argv.slice(2))) {
    const totals = summarizeProfile(JSON.parse(readFileSync(f, 'utf8')) as Profile);
    const busy = [...totals].filter(([k]) => k !== 'idle').reduce((s, [, v]) => s + v, 0);
    const rows = [...totals].filter(([k]) => k !== 'idle').sort((a, b) => b[1] - a[1]);
    process.stdout.write(`${path.basename(f)}: ${(busy / 1000).toFixed(1)} s on CPU (idle ${((totals.get('idle') ?? 0) / 1000).toFixed(1)} s)\n`);
    for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(18)} ${(v / 1000).toFixed(1).padStart(7)} s  ${((100 * v) / busy).toFixed(1).padStart(5)}%\n`);
  }
}
