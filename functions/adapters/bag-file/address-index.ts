import KDBush from 'kdbush';
import {
  type Address,
  formatHouseNumber,
  type GeoPoint,
  type StreetRef,
  streetKey,
} from '../../core/letters/address.schema.js';
import { boundingBox, geodesicDistance } from '../../core/letters/geo.js';
import type {
  AddressExtent,
  AddressQueryOptions,
  AddressSource,
  AddressSuggestion,
  GeocodedAddress,
} from '../../core/letters/ports.js';

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** "Bolstraat 1, 3581WS Utrecht": the label suggestions and the PDOK Locatieserver use. */
export function addressLabel(a: Address): string {
  return `${a.street} ${formatHouseNumber(a)}, ${a.postcode ? `${a.postcode} ` : ''}${a.city}`;
}

/**
 * How far the local flat approximation may be trusted: within a few kilometres its error is far below 1 %, so
 * an address 1 % inside the radius is surely in and 1 % outside surely out; only the band between is measured
 * on the ellipsoid.
 */
const PLANE_MARGIN = 0.01;
const WGS84_A = 6_378_137;
const WGS84_E2 = 0.006_694_379_990_14;

/** Metres per degree of latitude and of longitude at `lat` on the WGS84 ellipsoid (radii of curvature). */
function localPlane(lat: number): { lat: number; lon: number } {
  const phi = (lat * Math.PI) / 180;
  const w = 1 - WGS84_E2 * Math.sin(phi) ** 2;
  const meridional = (WGS84_A * (1 - WGS84_E2)) / w ** 1.5;
  const primeVertical = WGS84_A / Math.sqrt(w);
  return { lat: (meridional * Math.PI) / 180, lon: (primeVertical * Math.cos(phi) * Math.PI) / 180 };
}

/**
 * An in-memory `AddressSource` over an imported BAG extract, with a kd-tree (`kdbush`) for radius queries
 * (a box search and the exact distance) and a street map. A 150 m query over 300,000 addresses touches only a few hundred points.
 */
export class AddressIndex implements AddressSource {
  readonly addresses: readonly Address[];
  private readonly index: KDBush;
  private readonly streets = new Map<string, number[]>();
  private searchTokens: string[][] | null = null;
  private extentCache: AddressExtent | undefined | null = null;

  constructor(addresses: readonly Address[]) {
    this.addresses = addresses;
    this.index = new KDBush(Math.max(addresses.length, 1));
    for (const a of addresses) this.index.add(a.lon, a.lat);
    if (addresses.length === 0) this.index.add(0, 0);
    this.index.finish();
    addresses.forEach((a, i) => {
      const key = streetKey(a);
      const list = this.streets.get(key);
      if (list) list.push(i);
      else this.streets.set(key, [i]);
    });
  }

  get size(): number {
    return this.addresses.length;
  }

  /** Synchronous radius query, for benchmarks and the embedded runtime. */
  withinSync(points: readonly GeoPoint[], radiusM: number, options: AddressQueryOptions = {}): Address[] {
    const found = new Set<number>();
    const result: Address[] = [];
    // A box search in the kd-tree (the box is a little wider than the circle, see boundingBox), then the exact
    // ellipsoidal check: exact results, and no priority queue of a nearest-neighbour walk.
    // Only several points can find one address twice.
    const several = points.length > 1;
    for (const point of points) {
      const box = boundingBox(point, radiusM);
      const plane = localPlane(point.lat);
      const surelyIn = (radiusM * (1 - PLANE_MARGIN)) ** 2;
      const surelyOut = (radiusM * (1 + PLANE_MARGIN)) ** 2;
      for (const i of this.index.range(box.minLon, box.minLat, box.maxLon, box.maxLat)) {
        if (several && found.has(i)) continue;
        const a = this.addresses[i];
        if (!a || (options.residentialOnly && !a.residential)) continue;
        const dx = (a.lon - point.lon) * plane.lon;
        const dy = (a.lat - point.lat) * plane.lat;
        const squared = dx * dx + dy * dy;
        if (squared > surelyOut) continue;
        // The exact ellipsoidal distance only near the circle's edge, where the plane could be wrong.
        if (squared > surelyIn && geodesicDistance(point, a) > radiusM) continue;
        if (several) found.add(i);
        result.push(a);
      }
    }
    return result;
  }

  async within(
    points: readonly GeoPoint[],
    radiusM: number,
    options: AddressQueryOptions = {},
  ): Promise<Address[]> {
    return this.withinSync(points, radiusM, options);
  }

  async onStreets(streets: readonly StreetRef[], options: AddressQueryOptions = {}): Promise<Address[]> {
    const result: Address[] = [];
    for (const ref of streets) {
      for (const i of this.streets.get(streetKey(ref)) ?? []) {
        const a = this.addresses[i];
        if (a && (!options.residentialOnly || a.residential)) result.push(a);
      }
    }
    return result;
  }

  private tokens(): string[][] {
    if (!this.searchTokens) {
      this.searchTokens = this.addresses.map((a) =>
        normalise(
          `${a.street} ${a.houseNumber}${a.letter} ${a.houseNumber} ${a.addition} ${a.postcode} ${a.city}`,
        )
          .split(' ')
          .filter(Boolean),
      );
    }
    return this.searchTokens;
  }

  private ranked(text: string, limit: number): Address[] {
    const query = normalise(text).split(' ').filter(Boolean);
    if (query.length === 0) return [];
    const tokens = this.tokens();
    const scored: { i: number; score: number }[] = [];
    tokens.forEach((label, i) => {
      let score = 0;
      for (const q of query) {
        if (label.includes(q)) score += 2;
        else if (label.some((t) => t.startsWith(q))) score += 1;
        else return;
      }
      scored.push({ i, score });
    });
    scored.sort((a, b) => b.score - a.score || a.i - b.i);
    return scored.slice(0, limit).flatMap((s) => {
      const a = this.addresses[s.i];
      return a ? [a] : [];
    });
  }

  async suggest(text: string, limit = 10): Promise<AddressSuggestion[]> {
    return this.ranked(text, limit).map((a) => ({
      id: a.id,
      label: addressLabel(a),
      point: { lat: a.lat, lon: a.lon },
    }));
  }

  extent(): AddressExtent | undefined {
    if (this.extentCache !== null) return this.extentCache;
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const cities = new Map<string, number>();
    for (const a of this.addresses) cities.set(a.city, (cities.get(a.city) ?? 0) + 1);
    const city = [...cities].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    if (city === undefined) {
      this.extentCache = undefined;
      return undefined;
    }
    const centre = {
      lat: median(this.addresses.map((a) => a.lat)),
      lon: median(this.addresses.map((a) => a.lon)),
    };
    const nearest = new Map<string, number>();
    for (const a of this.addresses) {
      if (a.city !== city) continue;
      const d = geodesicDistance(centre, a);
      if (d < (nearest.get(a.street) ?? Number.POSITIVE_INFINITY)) nearest.set(a.street, d);
    }
    const streets = [...nearest]
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .slice(0, 10)
      .map(([street]) => street);
    this.extentCache = { centre, city, streets };
    return this.extentCache;
  }

  async geocode(textOrId: string): Promise<GeocodedAddress | null> {
    const byId = this.addresses.find((a) => a.id === textOrId);
    const match = byId ?? this.ranked(textOrId, 1)[0];
    if (!match) return null;
    if (!byId) {
      const query = normalise(textOrId).split(' ').filter(Boolean);
      const label = normalise(addressLabel(match)).split(' ');
      const numberToken = query.find((q) => /^\d/.test(q));
      if (!numberToken || !label.includes(numberToken)) return null;
    }
    return { label: addressLabel(match), point: { lat: match.lat, lon: match.lon } };
  }
}
