/**
 * `npm run staff -- create --email E --password P --role support|operator`
 * Creates a staff user and prints JSON with the TOTP secret and otpauth:// URL (for an
 * authenticator app). The secret is shown once; it is not retrievable later.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createStaff, STAFF_ROLES } from '../activities/accounts/staff';
import { closePool, getPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { maskUrl, useDevEndpoints } from '../platform/dev-endpoints';
import { DomainError } from '../platform/errors';

const USAGE = 'usage: npm run staff -- create --email E --password P --role support|operator';

const Input = z.object({
  email: z.email('must be a valid email address'),
  password: z.string().min(12, 'must be at least 12 characters'),
  role: z.enum(STAFF_ROLES as [string, ...string[]], { message: `must be one of ${STAFF_ROLES.join(', ')}` }),
});

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' } },
  });
  if (positionals[0] !== 'create') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const parsed = Input.safeParse(values);
  if (!parsed.success) {
    for (const i of parsed.error.issues) process.stderr.write(`--${i.path.join('.')}: ${i.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // DATABASE_URL unset: the running `npm run dev`'s database (else the local server). Said on
  // stderr: stdout is the JSON a script reads.
  await useDevEndpoints(['database'], { report: (c) => process.stderr.write(`database: ${maskUrl(c.value)} (${c.why})\n`) });
  await migrate(getPool());
  try {
    const staff = await createStaff(getPool(), { ...parsed.data, email: parsed.data.email.toLowerCase(), role: parsed.data.role as 'support' | 'operator' });
    process.stdout.write(`${JSON.stringify(staff, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      process.stderr.write(`${err.field ? `--${err.field}: ` : ''}${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

main()
  .then((code) => (process.exitCode = code))
  .catch((err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  })
  .finally(() => closePool());
