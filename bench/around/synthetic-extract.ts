import { type Address, isResidentialPurposes } from '../../functions/core/letters/address.schema.js';

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The area of the generated extract: about 25 × 25 km around a made-up point in the middle of the country. */
export const EXTRACT_CENTRE = { lat: 52.1, lon: 5.3 };
const SPAN_LAT = 0.225;
const SPAN_LON = 0.365;

/**
 * A seeded, fictitious address extract of `count` addresses: streets of 40 houses laid out along short
 * segments, about the density of a Dutch town (a 150 m circle holds a few dozen addresses).
 */
export function syntheticExtract(count: number, seed = 1): Address[] {
  const random = mulberry32(seed);
  const addresses: Address[] = [];
  let street = 0;
  while (addresses.length < count) {
    street += 1;
    const lat = EXTRACT_CENTRE.lat + (random() - 0.5) * SPAN_LAT;
    const lon = EXTRACT_CENTRE.lon + (random() - 0.5) * SPAN_LON;
    const heading = random() * Math.PI;
    const houses = Math.min(40, count - addresses.length);
    for (let n = 1; n <= houses; n++) {
      const along = Math.ceil(n / 2) * 0.0001;
      const side = n % 2 === 0 ? 0.00008 : -0.00008;
      const purposes = random() < 0.1 ? ['winkelfunctie'] : ['woonfunctie'];
      addresses.push({
        id: `s${street}-${n}`,
        street: `Straat ${street}`,
        houseNumber: n,
        letter: '',
        addition: '',
        postcode: `0${String(street % 1000).padStart(3, '0')}AA`,
        city: `Plaats ${street % 50}`,
        lat: lat + Math.sin(heading) * along + Math.cos(heading) * side,
        lon: lon + Math.cos(heading) * along * 1.6 - Math.sin(heading) * side * 1.6,
        purposes,
        residential: isResidentialPurposes(purposes),
      });
    }
  }
  return addresses;
}

/** Seeded query points inside the extract's area. */
export function queryPoints(count: number, seed = 2): { lat: number; lon: number }[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => ({
    lat: EXTRACT_CENTRE.lat + (random() - 0.5) * SPAN_LAT * 0.9,
    lon: EXTRACT_CENTRE.lon + (random() - 0.5) * SPAN_LON * 0.9,
  }));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
