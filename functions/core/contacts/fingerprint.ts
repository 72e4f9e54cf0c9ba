import { createHash, createHmac } from 'node:crypto';

/**
 * HMAC-SHA-256 of an E.164 number with the platform secret, hex.
 * Why: exclusion lists must be comparable without storing the numbers themselves.
 */
export function keyedHash(e164: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(e164).digest('hex');
}

/**
 * A keyed hasher for many numbers: the HMAC key schedule is computed once and copied per number, which
 * halves the cost of hashing a whole recipient set. Same output as `keyedHash`.
 */
export function keyedHasher(key: Uint8Array): (e164: string) => string {
  const block = 64;
  const normalisedKey = key.length > block ? createHash('sha256').update(key).digest() : Buffer.from(key);
  const inner = Buffer.alloc(block, 0x36);
  const outer = Buffer.alloc(block, 0x5c);
  for (let i = 0; i < normalisedKey.length; i++) {
    inner[i]! ^= normalisedKey[i]!;
    outer[i]! ^= normalisedKey[i]!;
  }
  const innerState = createHash('sha256').update(inner);
  const outerState = createHash('sha256').update(outer);
  return (e164) => outerState.copy().update(innerState.copy().update(e164).digest()).digest('hex');
}

/**
 * "sha256:<hex>" over the sorted, distinct E.164 list, one number per line.
 * Why: the approval binds to exactly this recipient set; order and repeats must not change it.
 */
export function recipientFingerprint(e164s: readonly string[]): string {
  const sorted = [...new Set(e164s)].sort();
  const hash = createHash('sha256');
  for (const e164 of sorted) hash.update(`${e164}\n`);
  return `sha256:${hash.digest('hex')}`;
}
