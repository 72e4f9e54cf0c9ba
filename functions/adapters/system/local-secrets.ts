import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { Secrets } from '../../core/ports.js';

const SecretsFile = z.object({
  sessionKey: z.string().min(32),
  hmacKey: z.string().min(32),
  /** Keys retired by `perspectief secrets rotate-hmac`, newest first, kept to match older list entries. */
  previousHmacKeys: z.array(z.object({ key: z.string().min(32), retiredAt: z.iso.datetime() })).default([]),
});
type SecretsFileContent = z.infer<typeof SecretsFile>;

const FILE = 'secrets.json';

/**
 * The embedded default's secrets: generated on first start into a file only the owner can read (0600), so
 * a restart keeps sessions and keyed hashes valid. Without a directory (--memory) they live in memory only.
 */
export function loadOrCreateLocalSecrets(dir: string | undefined): Secrets {
  const fresh: SecretsFileContent = {
    sessionKey: randomBytes(32).toString('base64url'),
    hmacKey: randomBytes(32).toString('base64url'),
    previousHmacKeys: [],
  };
  if (!dir) return toSecrets(fresh);
  const file = join(dir, FILE);
  if (existsSync(file)) return toSecrets(readSecretsFile(file));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeSecretsFile(file, fresh);
  return toSecrets(fresh);
}

/**
 * Makes a new HMAC key current and keeps the old one as the first previous key, so lookups still match
 * entries hashed before the rotation. A running server reads the file at start: restart it afterwards.
 */
export function rotateLocalHmacKey(dir: string, now: Date): { previous: number } {
  const file = join(dir, FILE);
  const current = existsSync(file) ? readSecretsFile(file) : undefined;
  if (!current) throw new Error('No secrets file to rotate: start the platform once first');
  const next: SecretsFileContent = {
    ...current,
    hmacKey: randomBytes(32).toString('base64url'),
    previousHmacKeys: [{ key: current.hmacKey, retiredAt: now.toISOString() }, ...current.previousHmacKeys],
  };
  writeSecretsFile(file, next);
  return { previous: next.previousHmacKeys.length };
}

function readSecretsFile(file: string): SecretsFileContent {
  return SecretsFile.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Written beside and renamed over: a crash mid-write never leaves a file without the keys. */
function writeSecretsFile(file: string, content: SecretsFileContent): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(content), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

function toSecrets(raw: SecretsFileContent): Secrets {
  return {
    sessionKey: raw.sessionKey,
    hmacKey: Buffer.from(raw.hmacKey, 'base64url'),
    previousHmacKeys: raw.previousHmacKeys.map((p) => Buffer.from(p.key, 'base64url')),
  };
}
