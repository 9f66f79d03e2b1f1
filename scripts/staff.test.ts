/**
 * `npm run staff -- create`: the JSON on stdout is unchanged (scripts read it), the otpauth:// URL
 * is drawn as a QR code on stderr for the person at the terminal, and the member signs in.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { closePool, getPool } from '../db/pool';
import { call, startApi } from '../test/support/api';
import { totpOf, uniqueStaffEmail } from '../test/support/staff';

const ROOT = path.join(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

afterAll(() => closePool());

it('prints the member as JSON and the otpauth URL as a terminal QR code; the member signs in', async () => {
  const email = uniqueStaffEmail('cli');
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [TSX, path.join(ROOT, 'scripts', 'staff.ts'), 'create', '--email', email.toUpperCase(), '--password', 'a-long-password-1', '--role', 'support'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  const out = JSON.parse(stdout);
  expect(Object.keys(out)).toEqual(['id', 'email', 'role', 'totpSecret', 'otpauthUrl']);
  expect(out).toMatchObject({ email, role: 'support', otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\/Timely:/) });
  // The small terminal QR code is drawn with half-block characters.
  expect(stderr).toMatch(/[▀▄█]{10}/);
  const { rows } = await getPool().query('SELECT type, actor FROM accounts.staff_events WHERE staff_id = $1', [out.id]);
  expect(rows).toEqual([{ type: 'staff.created', actor: 'system:staff-cli' }]);

  const api = await startApi();
  try {
    const r = await call(api, 'POST', '/v1/staff/login', { body: { email, password: 'a-long-password-1', totp: totpOf(out.totpSecret) } });
    expect(r.status).toBe(200);
  } finally {
    await api.close();
  }
}, 60_000);

it('refuses bad input with one line per field (the same rules as the API)', async () => {
  const r = await promisify(execFile)(process.execPath, [TSX, path.join(ROOT, 'scripts', 'staff.ts'), 'create', '--email', 'nope', '--password', 'short', '--role', 'support'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent' },
  }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => e,
  );
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--email: must be a valid email address');
  expect(r.stderr).toContain('--password: must be at least 12 characters');
}, 60_000);
