/**
 * The keys of the payload codec (platform/payload-codec.ts), from one setting:
 * `TEMPORAL_PAYLOAD_KEYS=id1:<base64 of 32 bytes>,id2:<...>` and `TEMPORAL_PAYLOAD_KEY_ID` naming
 * the one new payloads use (optional when there is one key). Rotation: add the new key, make it
 * active, keep the old one for as long as histories written with it are kept.
 * Production refuses to start without keys (platform/config.ts); development and tests generate
 * one once under .data/, as the token key does, so every local process shares it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import type { PayloadKeys } from './payload-codec';

export const DEV_PAYLOAD_KEY_FILE = path.join(__dirname, '..', '.data', 'temporal-payload-keys');
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** `id:base64,...` -> id -> key; throws one message per malformed entry. */
export function parsePayloadKeys(setting: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const problems: string[] = [];
  for (const [i, entry] of setting.split(',').map((e) => e.trim()).entries()) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (!KEY_ID.test(id)) problems.push(`entry ${i + 1}: needs an id of letters, digits, '.', '_' or '-' before ':'`);
    else if (key.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(entry.slice(colon + 1))) problems.push(`key "${id}": must be 32 bytes in base64`);
    else if (keys.has(id)) problems.push(`key "${id}": listed twice`);
    else keys.set(id, key);
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return keys;
}

/** Problems with the two settings, for config's start-up check (empty when fine or unset). */
export function payloadKeyProblems(cfg: Pick<Config, 'NODE_ENV' | 'TEMPORAL_PAYLOAD_KEYS' | 'TEMPORAL_PAYLOAD_KEY_ID'>): string[] {
  if (!cfg.TEMPORAL_PAYLOAD_KEYS) {
    if (cfg.NODE_ENV === 'production') return ['TEMPORAL_PAYLOAD_KEYS: required in production (workflow payloads are encrypted with it)'];
    return cfg.TEMPORAL_PAYLOAD_KEY_ID ? ['TEMPORAL_PAYLOAD_KEY_ID: set without TEMPORAL_PAYLOAD_KEYS'] : [];
  }
  let keys: Map<string, Buffer>;
  try {
    keys = parsePayloadKeys(cfg.TEMPORAL_PAYLOAD_KEYS);
  } catch (err) {
    return [`TEMPORAL_PAYLOAD_KEYS: ${(err as Error).message}`];
  }
  if (cfg.TEMPORAL_PAYLOAD_KEY_ID) return keys.has(cfg.TEMPORAL_PAYLOAD_KEY_ID) ? [] : [`TEMPORAL_PAYLOAD_KEY_ID: "${cfg.TEMPORAL_PAYLOAD_KEY_ID}" is not among TEMPORAL_PAYLOAD_KEYS`];
  return keys.size === 1 ? [] : ['TEMPORAL_PAYLOAD_KEY_ID: required when TEMPORAL_PAYLOAD_KEYS holds more than one key'];
}

/** Development's key, generated once (`dev-<date>:<base64>`); 'wx' so two processes agree. */
export function devPayloadKeys(file = DEV_PAYLOAD_KEY_FILE): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, `dev-${new Date().toISOString().slice(0, 10)}:${randomBytes(32).toString('base64')}`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return readFileSync(file, 'utf8').trim();
}

/** The key ring in force: the configured keys, or development's generated one. */
export function payloadKeys(cfg: Pick<Config, 'NODE_ENV' | 'TEMPORAL_PAYLOAD_KEYS' | 'TEMPORAL_PAYLOAD_KEY_ID'>): PayloadKeys {
  const problems = payloadKeyProblems(cfg);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const setting = cfg.TEMPORAL_PAYLOAD_KEYS ?? devPayloadKeys();
  const keys = parsePayloadKeys(setting);
  return { activeId: cfg.TEMPORAL_PAYLOAD_KEY_ID ?? [...keys.keys()][0], keys };
}
