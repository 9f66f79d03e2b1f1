/** The README's configuration table is generated from platform/config.ts; this keeps them in step. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { envTable } from '../scripts/env-table';

it('README lists every env var with its default, as platform/config.ts declares them', () => {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const m = /<!-- env-table:start -->\n([\s\S]*?)<!-- env-table:end -->/.exec(readme);
  expect(m).not.toBeNull();
  // If this fails: regenerate the table with `npx tsx scripts/env-table.ts` and paste it in.
  expect(m![1].trim()).toBe(envTable());
});
