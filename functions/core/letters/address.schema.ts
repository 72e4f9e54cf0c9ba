import * as z from 'zod';

/** A WGS84 position. Latitude first everywhere in the domain, as people write it ("52.09,5.11"). */
export const GeoPointSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPointSchema>;

/** The BAG usage purpose that makes an address residential, also when combined with others (mixed use). */
export const RESIDENTIAL_PURPOSE = 'woonfunctie';

/**
 * One address (BAG nummeraanduiding with the position of its addressable object).
 * `purposes` is empty for ligplaatsen and standplaatsen (houseboats, caravans): they have no usage purpose in
 * the BAG and are treated as residential, because people live there.
 */
export const AddressSchema = z.object({
  id: z.string().min(1).max(64),
  street: z.string().min(1).max(200),
  houseNumber: z.number().int().min(1).max(99_999),
  letter: z.string().max(1),
  addition: z.string().max(4),
  postcode: z.string().regex(/^(\d{4}[A-Z]{2})?$/),
  city: z.string().min(1).max(200),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  purposes: z.array(z.string().min(1).max(60)).max(12),
  residential: z.boolean(),
});
export type Address = z.infer<typeof AddressSchema>;

/** A street is identified by its name within a city: the same name occurs in many places. */
export const StreetRefSchema = z.object({ street: z.string().min(1), city: z.string().min(1) });
export type StreetRef = z.infer<typeof StreetRefSchema>;

/** Whether an address with these BAG usage purposes counts as residential. */
export function isResidentialPurposes(purposes: readonly string[]): boolean {
  return purposes.length === 0 || purposes.includes(RESIDENTIAL_PURPOSE);
}

/** A stable map key for a street; the separator cannot occur in names. */
export function streetKey(ref: StreetRef): string {
  return `${ref.city}\u0000${ref.street}`;
}

/** "3", "3a", "3-2", "3a-2": how the house number is printed on an envelope. */
export function formatHouseNumber(address: Pick<Address, 'houseNumber' | 'letter' | 'addition'>): string {
  return `${address.houseNumber}${address.letter}${address.addition ? `-${address.addition}` : ''}`;
}

/** "1011AB" → "1011 AB", the way Dutch letters print a postcode. */
export function formatPostcode(postcode: string): string {
  return postcode.length === 6 ? `${postcode.slice(0, 4)} ${postcode.slice(4)}` : postcode;
}

/** Compare strings the way a Dutch reader expects street names sorted. */
export const dutchCollator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
