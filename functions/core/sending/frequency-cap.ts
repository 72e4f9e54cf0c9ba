import * as z from 'zod';
import { MS_PER_DAY } from '../clock.js';

/**
 * One number's cross-campaign memory: its keyed hash (HMAC, see core/contacts) and when any campaign last
 * messaged it. Only the hash is stored, so the entry says nothing about the person without the key.
 */
export const FrequencyCapEntrySchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  lastSentAt: z.iso.datetime(),
  campaignId: z.string().min(1),
  /** After this instant the entry no longer blocks; the store purges it explicitly (TTL is only a backstop). */
  expiresAt: z.iso.datetime(),
});
export type FrequencyCapEntry = z.infer<typeof FrequencyCapEntrySchema>;

/** Default quiet period between two campaigns' messages to one number. */
export const DEFAULT_FREQUENCY_CAP_DAYS = 180;

/**
 * The entry to write after a message to `hash` was accepted.
 * Why after `sent` and not after the claim: a refused message reached nobody and must not block the number.
 */
export function frequencyCapEntry(
  hash: string,
  campaignId: string,
  sentAt: Date,
  windowDays = DEFAULT_FREQUENCY_CAP_DAYS,
): FrequencyCapEntry {
  return FrequencyCapEntrySchema.parse({
    hash,
    campaignId,
    lastSentAt: sentAt.toISOString(),
    expiresAt: new Date(sentAt.getTime() + windowDays * MS_PER_DAY).toISOString(),
  });
}

/** Whether the entry still blocks a new message at `now`. */
export function isFrequencyCapped(entry: FrequencyCapEntry | undefined, now: Date): boolean {
  return entry !== undefined && now.getTime() < Date.parse(entry.expiresAt);
}

/**
 * Merges a new send into an existing entry, keeping the later send. Why: two campaigns can finish their writes
 * in either order, and the later message must decide the expiry.
 */
export function mergeFrequencyCapEntry(
  existing: FrequencyCapEntry | undefined,
  next: FrequencyCapEntry,
): FrequencyCapEntry {
  if (existing === undefined) return next;
  return Date.parse(existing.lastSentAt) >= Date.parse(next.lastSentAt) ? existing : next;
}
