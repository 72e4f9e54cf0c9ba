import type { Address, GeoPoint } from '../core/letters/address.schema.js';
import type { AreaPoint, LetterSelection } from '../core/letters/letter-records.schema.js';
import type { AddressExtent } from '../core/letters/ports.js';
import { DEFAULT_RADIUS_M } from '../core/letters/selection.js';
import { type StreetLine, streetLines } from '../core/letters/street-lines.js';
import type { Acting } from './audit.js';
import type { AppDeps } from './deps.js';
import { areaOverview } from './letter-areas.js';

/** How far around the middle of a local address set the map reaches before any location is chosen. */
const START_AREA_M = 250;
/** The middle of the Netherlands, where the map opens when the source covers the whole country. */
const NETHERLANDS: GeoPoint = { lat: 52.15, lon: 5.39 };

/** What the maps of the area page draw: the chosen area, or before that the middle of the address set. */
export interface AreaMapBase {
  selection: LetterSelection | undefined;
  points: AreaPoint[];
  radiusM: number;
  /** Addresses drawn: every address around the area (or around the start of the map). */
  around: Address[];
  /** Addresses that get a letter. */
  letters: Address[];
  /** The local address set's middle and example streets; undefined for PDOK. */
  extent: AddressExtent | undefined;
}

export type AreaMapDeps = Pick<AppDeps, 'campaigns' | 'cases' | 'letterSelections' | 'addresses'>;

/**
 * The addresses and points behind the maps. Before the first search the map shows the streets around the
 * middle of a local address set, so a click can place the first location there (also without JavaScript).
 */
export async function areaMapBase(
  deps: AreaMapDeps,
  acting: Acting,
  campaignId: string,
): Promise<AreaMapBase> {
  const { selection, letters, around } = await areaOverview(deps, acting, campaignId);
  const extent = deps.addresses.extent?.();
  if (selection) {
    return { selection, points: selection.points, radiusM: selection.radiusM, around, letters, extent };
  }
  const start = extent ? await deps.addresses.within([extent.centre], START_AREA_M) : [];
  return { selection, points: [], radiusM: DEFAULT_RADIUS_M, around: start, letters: [], extent };
}

/** The interactive map's data: where it opens, the streets as lines, the addresses as dots. */
export interface AreaMapModel {
  centre: GeoPoint;
  zoom: number;
  radiusM: number;
  points: GeoPoint[];
  streets: StreetLine[];
  /** `[lat, lon, 1 when it gets a letter]`, compact because a selection holds up to thousands. */
  addresses: [number, number, 0 | 1][];
}

export function areaMapModel(base: AreaMapBase): AreaMapModel {
  const letterIds = new Set(base.letters.map((a) => a.id));
  const round = (n: number) => Number(n.toFixed(6));
  return {
    centre: base.points[0] ?? base.extent?.centre ?? NETHERLANDS,
    zoom: base.points.length > 0 || base.extent ? 16 : 8,
    radiusM: base.radiusM,
    points: base.points.map((p) => ({ lat: p.lat, lon: p.lon })),
    streets: streetLines(base.around),
    addresses: base.around.map((a) => [round(a.lat), round(a.lon), letterIds.has(a.id) ? 1 : 0]),
  };
}
