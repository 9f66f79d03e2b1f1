/** `npm run bench -- <apply|evaluate|fuzz|reads> [options]`: benchmarks, never part of npm test. */
import { logger } from '../platform/logger';
import { benchApply } from './apply';
import { benchEvaluate } from './evaluate';
import { benchFuzz } from './fuzz';
import { benchReads } from './reads';

// Benchmarks measure the work, not the request log: warnings only unless asked.
logger.level = process.env.LOG_LEVEL ?? 'warn';

const BENCHES: Record<string, (argv: string[]) => Promise<void>> = { apply: benchApply, evaluate: benchEvaluate, fuzz: benchFuzz, reads: benchReads };

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [--n N] [--concurrency C]\n`);
    process.exit(2);
  }
  await bench(rest);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
