import * as z from 'zod';
import { ValidationError } from '../errors.js';
import { type Address, type GeoPoint, GeoPointSchema, type StreetRef, streetKey } from './address.schema.js';
import { isInNetherlands, withinAnyRadius } from './geo.js';
import type { AddressSource } from './ports.js';
import { compareStreets, walkingOrder } from './walking-order.js';

export const DEFAULT_RADIUS_M = 150;
export const DEFAULT_MAX_RADIUS_M = 1000;
export const MAX_POINTS = 20;

/** One row of the street list: how many addresses lie within the radius and how many on the whole street. */
export const StreetSelectionRowSchema = z.object({
  street: z.string(),
  city: z.string(),
  within_radius: z.number().int().nonnegative(),
  on_street: z.number().int().nonnegative(),
});
export type StreetSelectionRow = z.infer<typeof StreetSelectionRowSchema>;

/** The street list around the arrest locations; exactly the JSON `perspectief addresses around --json` prints. */
export const StreetSelectionSchema = z.object({
  radius_m: z.number().positive(),
  points: z.array(z.tuple([z.number(), z.number()])),
  streets: z.array(StreetSelectionRowSchema),
  within_radius: z.number().int().nonnegative(),
  on_streets: z.number().int().nonnegative(),
});
export type StreetSelection = z.infer<typeof StreetSelectionSchema>;

export const AreaRequestSchema = z.object({
  points: z.array(GeoPointSchema).min(1).max(MAX_POINTS),
  radiusM: z.number(),
  residentialOnly: z.boolean().default(true),
});
export type AreaRequest = z.input<typeof AreaRequestSchema>;

export interface AreaLimits {
  /** Largest radius accepted, in metres; a municipality can configure it. */
  maxRadiusM?: number;
}

/**
 * Checks arrest locations and radius before any address is looked up.
 * A point outside the Netherlands is almost always swapped coordinates; a radius of 5 km would address a
 * whole town, so the maximum is explicit and configurable.
 */
export function validateArea(points: readonly GeoPoint[], radiusM: number, limits: AreaLimits = {}): void {
  const maxRadiusM = limits.maxRadiusM ?? DEFAULT_MAX_RADIUS_M;
  if (points.length === 0) {
    throw new ValidationError('No arrest location given', {
      userMessage: 'Geef minstens één locatie op.',
    });
  }
  if (points.length > MAX_POINTS) {
    throw new ValidationError('Too many locations', {
      userMessage: `Geef hoogstens ${MAX_POINTS} locaties op.`,
      context: { points: points.length },
    });
  }
  points.forEach((point, index) => {
    if (!GeoPointSchema.safeParse(point).success || !isInNetherlands(point)) {
      throw new ValidationError('Location outside the Netherlands', {
        userMessage: `Locatie ${index + 1} ligt niet in Nederland. Controleer de coördinaten (eerst breedtegraad, dan lengtegraad).`,
        context: { index },
      });
    }
  });
  if (!Number.isFinite(radiusM) || radiusM <= 0) {
    throw new ValidationError('Radius must be positive', {
      userMessage: 'De straal moet groter zijn dan 0 meter.',
      context: { radiusM },
    });
  }
  if (radiusM > maxRadiusM) {
    throw new ValidationError('Radius above maximum', {
      userMessage: `De straal mag hoogstens ${maxRadiusM} meter zijn.`,
      context: { radiusM, maxRadiusM },
    });
  }
}

function dedupe(addresses: readonly Address[]): Address[] {
  const seen = new Map<string, Address>();
  for (const address of addresses) if (!seen.has(address.id)) seen.set(address.id, address);
  return [...seen.values()];
}

/**
 * Builds the street list from the addresses within the radius and all addresses of the streets they lie on.
 * Pure: the caller fetched both sets from an `AddressSource`. Both are re-checked here (distance,
 * residential filter, street membership), so a source that returns a superset still gives exact counts.
 */
export function selectStreets(input: {
  points: readonly GeoPoint[];
  radiusM: number;
  withinRadius: readonly Address[];
  onStreets: readonly Address[];
  residentialOnly: boolean;
}): StreetSelection {
  const keep = (a: Address) => !input.residentialOnly || a.residential;
  const inside = dedupe(input.withinRadius).filter(
    (a) => keep(a) && withinAnyRadius(a, input.points, input.radiusM),
  );
  const rows = new Map<string, StreetSelectionRow>();
  for (const address of inside) {
    const key = streetKey(address);
    const row = rows.get(key) ?? {
      street: address.street,
      city: address.city,
      within_radius: 0,
      on_street: 0,
    };
    row.within_radius += 1;
    rows.set(key, row);
  }
  const insideIds = new Set(inside.map((a) => a.id));
  const streetAddresses = dedupe([...input.onStreets, ...inside]).filter((a) => keep(a));
  for (const address of streetAddresses) {
    const row = rows.get(streetKey(address));
    if (row) row.on_street += 1;
  }
  const streets = [...rows.values()].sort(compareStreets);
  return {
    radius_m: input.radiusM,
    points: input.points.map((p) => [p.lat, p.lon] as [number, number]),
    streets,
    within_radius: insideIds.size,
    on_streets: streets.reduce((sum, row) => sum + row.on_street, 0),
  };
}

/**
 * Validates the area, queries the source and returns the street list plus the address sets behind it.
 * The address sets are returned so that ticking streets on and off needs no second query.
 */
export async function findStreetsAround(
  source: AddressSource,
  request: AreaRequest,
  limits: AreaLimits = {},
): Promise<{ selection: StreetSelection; withinRadius: Address[]; onStreets: Address[] }> {
  validateArea(request.points, request.radiusM, limits);
  const { points, radiusM, residentialOnly } = AreaRequestSchema.parse(request);
  const options = { residentialOnly };
  const withinRadius = await source.within(points, radiusM, options);
  const refs = uniqueStreets(withinRadius);
  const onStreets = refs.length > 0 ? await source.onStreets(refs, options) : [];
  const selection = selectStreets({ points, radiusM, withinRadius, onStreets, residentialOnly });
  return { selection, withinRadius, onStreets };
}

/** The distinct streets of a set of addresses, sorted by city then name. */
export function uniqueStreets(addresses: readonly Address[]): StreetRef[] {
  const refs = new Map<string, StreetRef>();
  for (const a of addresses) refs.set(streetKey(a), { street: a.street, city: a.city });
  return [...refs.values()].sort(compareStreets);
}

export const SelectionModeSchema = z.enum(['whole_streets', 'within_radius']);
export type SelectionMode = z.infer<typeof SelectionModeSchema>;

/**
 * The addresses that get a letter: the ticked streets, whole or only their part within the radius, in
 * walking order.
 */
export function addressesForSelection(input: {
  streets: readonly StreetRef[];
  mode: SelectionMode;
  points: readonly GeoPoint[];
  radiusM: number;
  withinRadius: readonly Address[];
  onStreets: readonly Address[];
  residentialOnly: boolean;
}): Address[] {
  const ticked = new Set(input.streets.map(streetKey));
  const pool = dedupe([...input.onStreets, ...input.withinRadius]).filter(
    (a) =>
      ticked.has(streetKey(a)) &&
      (!input.residentialOnly || a.residential) &&
      (input.mode === 'whole_streets' || withinAnyRadius(a, input.points, input.radiusM)),
  );
  return walkingOrder(pool);
}
