/**
 * The web app's API types are generated from /openapi.json (npm run gen:api) and committed. This
 * fails when a route's schema changed and the committed client was not regenerated, so a page can
 * never be typed against an API that no longer exists. (The generator runs in its own process:
 * openapi-typescript's dependencies are ES modules, which Jest on Node 20 cannot require.)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const SCHEMA_FILE = path.join(ROOT, 'web', 'src', 'lib', 'api', 'schema.ts');

it('has the generated API client in step with the API (run `npm run gen:api` after changing a route)', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'scripts', 'gen-api-client.ts'), '--check'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
  expect(`${r.stdout}${r.stderr}`.trim()).toBe('web/src/lib/api/schema.ts matches the API.');
  expect(r.status).toBe(0);
}, 60_000);

it('types a JSON response for every call the web app reads', () => {
  const generated = readFileSync(SCHEMA_FILE, 'utf8');
  for (const route of ['/v1/me', '/v1/advances', '/v1/bank', '/v1/bank/balance-history', '/v1/applications/{id}', '/v1/bank/link-token']) {
    const block = generated.slice(generated.indexOf(`"${route}": {`));
    expect(block.slice(0, block.indexOf('\n    };')).includes('"application/json"')).toBe(true);
  }
});
