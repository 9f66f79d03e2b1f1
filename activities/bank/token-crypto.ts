/**
 * Plaid access tokens at rest: AES-256-GCM with a random 96-bit nonce per token. The stored form
 * is `v1:<nonce>:<tag>:<ciphertext>` (base64url), so the key or scheme can be rotated later.
 * Key: TOKEN_ENCRYPTION_KEY (required in production); in development and tests, one generated
 * once under .data/ so linked banks survive restarts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../platform/config';

export const DEV_KEY_FILE = path.join(__dirname, '..', '..', '.data', 'token-encryption-key');

export function devTokenKey(file = DEV_KEY_FILE): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    // 'wx': two processes starting together cannot both write a different key.
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return readFileSync(file, 'utf8').trim();
}

export function tokenKey(cfg: Config): Buffer {
  if (cfg.TOKEN_ENCRYPTION_KEY) return Buffer.from(cfg.TOKEN_ENCRYPTION_KEY, 'hex');
  if (cfg.NODE_ENV === 'production') throw new Error('TOKEN_ENCRYPTION_KEY is required in production');
  return Buffer.from(devTokenKey(), 'hex');
}

export function encryptToken(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join(':');
}

export function decryptToken(key: Buffer, stored: string): string {
  const [v, nonce, tag, ct] = stored.split(':');
  if (v !== 'v1' || !ct) throw new Error('unknown token encryption format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}
