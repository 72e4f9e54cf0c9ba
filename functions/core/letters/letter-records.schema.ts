import { createHash } from 'node:crypto';
import * as z from 'zod';
import { type Address, GeoPointSchema, StreetRefSchema } from './address.schema.js';
import {
  LetterBrandingSchema,
  LetterCaseFieldsSchema,
  LetterContentSchema,
  LetterModeSchema,
} from './letter.schema.js';
import { MAX_POINTS, SelectionModeSchema, StreetSelectionRowSchema } from './selection.js';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/);
const Count = z.number().int().min(0);
const Instant = z.iso.datetime();
const Fingerprint = z.string().regex(/^sha256:[0-9a-f]{64}$/);

/** An arrest location: a position and how the user found it (a typed address or a map click). */
export const AreaPointSchema = GeoPointSchema.extend({
  label: z.string().trim().max(200),
});
export type AreaPoint = z.infer<typeof AreaPointSchema>;

/**
 * The area of a letter campaign: arrest locations, radius, which streets are ticked and whether whole
 * streets or only their part within the radius get a letter. The addresses themselves are never stored:
 * they are re-derived from the address source, so a store holds no address list.
 */
export const LetterSelectionSchema = z.object({
  campaignId: Id,
  points: z.array(AreaPointSchema).min(1).max(MAX_POINTS),
  radiusM: z.number().positive(),
  residentialOnly: z.boolean(),
  mode: SelectionModeSchema,
  /** Every street with an address within the radius, with its counts (the list the user ticks from). */
  rows: z.array(StreetSelectionRowSchema),
  /** The ticked streets. */
  streets: z.array(StreetRefSchema),
  /** Addresses that get a letter with this mode and these streets. */
  letterCount: Count,
  /** Fingerprint of the ids of those addresses: what an approval and a print run are bound to. */
  addressesFingerprint: Fingerprint,
  updatedAt: Instant,
  updatedBy: Id,
  version: Count,
});
export type LetterSelection = z.infer<typeof LetterSelectionSchema>;

/**
 * One rendered run of letters: what was printed, for how many addresses, with which content and branding.
 * The PDF is not stored; it is rendered again on request from this snapshot and the address source, and
 * refused when the addresses no longer match the fingerprint.
 */
export const LetterBatchSchema = z.object({
  id: Id,
  campaignId: Id,
  mode: LetterModeSchema,
  letters: Count,
  pages: Count,
  streets: z.array(StreetRefSchema.extend({ letters: Count })),
  addressesFingerprint: Fingerprint,
  content: LetterContentSchema,
  caseFields: LetterCaseFieldsSchema,
  branding: LetterBrandingSchema,
  /** The approval fingerprint the run was made under; printing and the web version require it to be current. */
  approvalFingerprint: Fingerprint.optional(),
  createdAt: Instant,
  createdBy: Id,
  downloads: Count,
});
export type LetterBatch = z.infer<typeof LetterBatchSchema>;

/** The public web version of a campaign's letter for one street (`/w/<code>`), with its open counter. */
export const WebVersionSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  campaignId: Id,
  street: z.string().min(1),
  city: z.string().min(1),
  opens: Count,
  createdAt: Instant,
});
export type WebVersion = z.infer<typeof WebVersionSchema>;

/**
 * SHA-256 over the sorted address ids. Binds an approval and a print run to exactly these addresses without
 * storing them.
 */
export function addressesFingerprint(addresses: readonly Pick<Address, 'id'>[]): string {
  const ids = addresses.map((a) => a.id).sort();
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(['perspectief/addresses/v1', ids]))
    .digest('hex')}`;
}
