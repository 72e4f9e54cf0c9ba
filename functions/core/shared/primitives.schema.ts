import * as z from 'zod';

/** A machine-made identifier (ULID, UUID, slug): URL-safe, never typed by a person. */
export const EntityIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'Ongeldige id: alleen letters, cijfers en _ . : -');
export type EntityId = z.infer<typeof EntityIdSchema>;

/** A SHA-256 digest in the one notation used everywhere: `sha256:` followed by 64 lower-case hex digits. */
export const FingerprintSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'Ongeldige vingerafdruk');
export type Fingerprint = z.infer<typeof FingerprintSchema>;

/** A moment in UTC as `Date.prototype.toISOString()` writes it, so that strings sort in time order. */
export const IsoDateTimeSchema = z.iso.datetime({ message: 'Ongeldig tijdstip' });
export type IsoDateTime = z.infer<typeof IsoDateTimeSchema>;

/** A calendar date (YYYY-MM-DD), e.g. the day of the arrests. */
export const IsoDateSchema = z.iso.date({ message: 'Ongeldige datum' });

/** A non-negative whole count. */
export const CountSchema = z.number().int().min(0);
