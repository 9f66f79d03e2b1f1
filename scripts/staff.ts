/**
 * `npm run staff -- create --email E --password P --role support|operator`
 * Creates a staff user and prints JSON with the TOTP secret and otpauth:// URL (for an
 * authenticator app) on stdout, and the URL as a QR code on stderr (stdout stays the JSON a script
 * reads; a person at the terminal sees both). The secret is shown once; it is not retrievable later.
 * The same input rules and create function as POST /v1/admin/staff (activities/accounts/staff.ts).
 */
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { createStaff, NewStaffInput } from '../activities/accounts/staff';
import { closePool, getPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { maskUrl, useDevEndpoints } from '../platform/dev-endpoints';
import { DomainError } from '../platform/errors';

const USAGE = 'usage: npm run staff -- create --email E --password P --role support|operator';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' } },
  });
  if (positionals[0] !== 'create') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const parsed = NewStaffInput.safeParse(values);
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
    const { id, email, role, totpSecret, otpauthUrl } = await createStaff(getPool(), parsed.data);
    process.stdout.write(`${JSON.stringify({ id, email, role, totpSecret, otpauthUrl }, null, 2)}\n`);
    const qr = await QRCode.toString(otpauthUrl, { type: 'terminal', small: true });
    process.stderr.write(`Scan with an authenticator app (shown once):\n${qr}\n`);
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
