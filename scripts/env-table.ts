/** Prints the README's configuration table from platform/config.ts (`npx tsx scripts/env-table.ts`). */
import { z } from 'zod';
import { ENV_SCHEMA, ENV_VARS } from '../platform/config';

export function envTable(): string {
  const rows = ENV_VARS.map((name) => {
    const schema = ENV_SCHEMA[name].schema as z.ZodType;
    const parsed = schema.safeParse(undefined);
    const def = parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : '—';
    return `| \`${name}\` | ${def} | ${ENV_SCHEMA[name].doc.replace(/\|/g, '\\|')} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

if (require.main === module) process.stdout.write(`${envTable()}\n`);
