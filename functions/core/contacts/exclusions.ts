import type { ExclusionReason, ExclusionResult } from './contacts.schema.js';
import { keyedHasher, recipientFingerprint } from './fingerprint.js';

/** The exclusion lists of a campaign, as keyed hashes (see `keyedHash`), never as numbers. */
export interface ExclusionLists {
  /** The municipality's do-not-contact list: lawyers, officials, victims. */
  doNotContact: ReadonlySet<string>;
  optOut: ReadonlySet<string>;
  /** Messaged by any campaign within the frequency-cap window. */
  recentlyMessaged: ReadonlySet<string>;
}

const ORDER: readonly [ExclusionReason, keyof ExclusionLists][] = [
  ['do_not_contact', 'doNotContact'],
  ['opt_out', 'optOut'],
  ['recently_messaged', 'recentlyMessaged'],
];

/**
 * Removes excluded numbers from the sendable set: do-not-contact first, then opt-out, then the frequency
 * cap. A number on several lists counts only for the first, so the funnel adds up; the remaining set is
 * sorted and fingerprinted for the approval.
 */
export function applyExclusions(
  sendable: readonly string[],
  lists: ExclusionLists,
  key: Uint8Array,
): ExclusionResult {
  const hash = keyedHasher(key);
  const excluded: Record<ExclusionReason, number> = { do_not_contact: 0, opt_out: 0, recently_messaged: 0 };
  const remaining: string[] = [];
  // The analysis hands over its recipients sorted and distinct; then there is nothing to dedupe or sort.
  let ordered = true;
  for (let i = 1; i < sendable.length && ordered; i++) ordered = sendable[i - 1]! < sendable[i]!;
  const distinct = ordered ? sendable : [...new Set(sendable)];
  for (const e164 of distinct) {
    const hashed = hash(e164);
    let reason: ExclusionReason | undefined;
    for (const [name, list] of ORDER) {
      if (lists[list].has(hashed)) {
        reason = name;
        break;
      }
    }
    if (reason) excluded[reason]++;
    else remaining.push(e164);
  }
  if (!ordered) remaining.sort();
  let left = distinct.length;
  const after = {} as Record<ExclusionReason, number>;
  for (const [reason] of ORDER) {
    left -= excluded[reason];
    after[reason] = left;
  }
  return { remaining, excluded, after, fingerprint: recipientFingerprint(remaining) };
}
