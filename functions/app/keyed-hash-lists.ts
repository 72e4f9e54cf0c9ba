import { keyedHasher } from '../core/contacts/fingerprint.js';
import type { Secrets } from '../core/ports.js';

/** One hasher per key, the current key first, then the keys retired by rotations (newest first). */
export function keyedHashers(secrets: Secrets): ((e164: string) => string)[] {
  return [secrets.hmacKey, ...(secrets.previousHmacKeys ?? [])].map((key) => keyedHasher(key));
}

/**
 * A keyed-hash list as the current key sees it for these numbers: the stored hashes plus, for every number
 * whose hash under a previous key is on the list, its hash under the current key.
 *
 * Why: after a rotation the lists hold hashes made with either key, and the numbers behind the old ones
 * cannot be re-hashed. Code that hashes with the current key only (the exclusion step, the dispatcher's
 * opt-out check) then still matches every entry, old or new.
 */
export function underCurrentKey(
  stored: ReadonlySet<string>,
  e164s: readonly string[],
  secrets: Secrets,
): Set<string> {
  const [current, ...previous] = keyedHashers(secrets);
  const seen = new Set(stored);
  if (previous.length === 0 || stored.size === 0) return seen;
  for (const e164 of e164s) {
    if (previous.some((hash) => stored.has(hash(e164)))) seen.add(current!(e164));
  }
  return seen;
}

/** Whether the number is on the list under any key. */
export function isOnList(stored: ReadonlySet<string>, e164: string, secrets: Secrets): boolean {
  return keyedHashers(secrets).some((hash) => stored.has(hash(e164)));
}

/** The numbers' hashes under every key: what taking a number off a list must delete. */
export function hashesUnderEveryKey(e164s: readonly string[], secrets: Secrets): string[] {
  const hashers = keyedHashers(secrets);
  return e164s.flatMap((e164) => hashers.map((hash) => hash(e164)));
}
