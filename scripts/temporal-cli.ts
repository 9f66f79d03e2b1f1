/**
 * Finds or provisions the Temporal CLI (which carries the dev server and its Web UI).
 *
 * Order: $TEMPORAL_CLI -> `temporal` on PATH -> the project cache (~/.cache/timely/...) ->
 * `go install` into that cache -> Temporal's official download (machines with internet) ->
 * stop with instructions. The version is pinned once, in package.json "config.temporalCliVersion".
 * v1.5.1 is the newest release `go install` accepts: later ones carry a `replace` directive.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const pkg = require('../package.json') as { config: { temporalCliVersion: string } };
export const TEMPORAL_CLI_VERSION = pkg.config.temporalCliVersion;

export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'timely', 'temporal-cli', `v${TEMPORAL_CLI_VERSION}`);
}

function onPath(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

function log(msg: string): void {
  process.stderr.write(`[temporal-cli] ${msg}\n`);
}

function goInstall(dir: string): string | undefined {
  const go = onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) return undefined;
  mkdirSync(dir, { recursive: true });
  const tmp = `${dir}.building-${process.pid}`;
  mkdirSync(tmp, { recursive: true });
  log(`building Temporal CLI v${TEMPORAL_CLI_VERSION} with go install (a few minutes, once per machine)...`);
  const started = Date.now();
  const r = spawnSync(go, ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: tmp, CGO_ENABLED: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    log(`go install failed with exit code ${r.status}; see the output above`);
    return undefined;
  }
  // Build into a private directory, then move: a concurrent run never sees a half-written binary.
  renameSync(path.join(tmp, 'temporal'), path.join(dir, 'temporal'));
  rmSync(tmp, { recursive: true, force: true });
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s -> ${path.join(dir, 'temporal')}`);
  return path.join(dir, 'temporal');
}

function officialDownload(dir: string): string | undefined {
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
  const platform = process.platform === 'darwin' ? 'darwin' : 'linux';
  const url = `https://temporal.download/cli/archive/v${TEMPORAL_CLI_VERSION}?platform=${platform}&arch=${arch}`;
  mkdirSync(dir, { recursive: true });
  const archive = path.join(dir, 'cli.tar.gz');
  const r = spawnSync('sh', ['-c', `curl -fsSL --max-time 120 -o "${archive}" "${url}" && tar -xzf "${archive}" -C "${dir}" temporal`], { stdio: 'ignore' });
  rmSync(archive, { force: true });
  const bin = path.join(dir, 'temporal');
  if (r.status === 0 && existsSync(bin)) {
    chmodSync(bin, 0o755);
    return bin;
  }
  return undefined;
}

/** Returns the path of a usable Temporal CLI, provisioning it when needed. Throws with instructions. */
export function resolveTemporalCli(): string {
  if (process.env.TEMPORAL_CLI) {
    if (!existsSync(process.env.TEMPORAL_CLI)) throw new Error(`TEMPORAL_CLI=${process.env.TEMPORAL_CLI} does not exist`);
    return process.env.TEMPORAL_CLI;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const dir = cacheDir();
  const cached = path.join(dir, 'temporal');
  if (existsSync(cached)) return cached;
  const built = goInstall(dir) ?? officialDownload(dir);
  if (built) return built;
  throw new Error(
    [
      `The Temporal CLI v${TEMPORAL_CLI_VERSION} is needed and could not be provisioned.`,
      'Install it one of these ways, then run the command again:',
      `  - with Go:  GOBIN=${dir} go install github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
      '  - macOS:    brew install temporal',
      '  - download: https://docs.temporal.io/cli#install (put `temporal` on PATH)',
      '  - or point TEMPORAL_CLI at an existing binary.',
    ].join('\n'),
  );
}

export function cliVersion(bin: string): string {
  return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
}

if (require.main === module) {
  const bin = resolveTemporalCli();
  process.stdout.write(`${bin}\n`);
}
