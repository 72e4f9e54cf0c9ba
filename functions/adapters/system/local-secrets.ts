import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Secrets } from '../../core/ports.js';

const SecretsFile = z.object({ sessionKey: z.string().min(32), hmacKey: z.string().min(32) });

/**
 * The embedded default's secrets: generated on first start into a file only the owner can read (0600), so
 * a restart keeps sessions and keyed hashes valid. Without a directory (--memory) they live in memory only.
 */
export function loadOrCreateLocalSecrets(dir: string | undefined): Secrets {
  const fresh = {
    sessionKey: randomBytes(32).toString('base64url'),
    hmacKey: randomBytes(32).toString('base64url'),
  };
  if (!dir) return toSecrets(fresh);
  const file = join(dir, 'secrets.json');
  if (existsSync(file)) return toSecrets(SecretsFile.parse(JSON.parse(readFileSync(file, 'utf8'))));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(fresh), { mode: 0o600 });
  chmodSync(file, 0o600);
  return toSecrets(fresh);
}

function toSecrets(raw: z.infer<typeof SecretsFile>): Secrets {
  return { sessionKey: raw.sessionKey, hmacKey: Buffer.from(raw.hmacKey, 'base64url') };
}
