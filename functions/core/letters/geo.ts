import type { GeoPoint } from './address.schema.js';

/** WGS84 ellipsoid. */
const A = 6_378_137;
const F = 1 / 298.257223563;
const B = A * (1 - F);
const RAD = Math.PI / 180;

/**
 * Geodesic distance in metres between two WGS84 points (Vincenty's inverse formula on the ellipsoid).
 * The spherical haversine is off by up to 0.5 %, which moves the edge of a 150 m radius by almost a metre;
 * the letter area must match what a surveyor's tools say.
 */
export function geodesicDistance(p: GeoPoint, q: GeoPoint): number {
  if (p.lat === q.lat && p.lon === q.lon) return 0;
  const L = (q.lon - p.lon) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(p.lat * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(q.lat * RAD));
  const sinU1 = Math.sin(U1);
  const cosU1 = Math.cos(U1);
  const sinU2 = Math.sin(U2);
  const cosU2 = Math.cos(U2);
  let lambda = L;
  let sinSigma = 0;
  let cosSigma = 0;
  let sigma = 0;
  let cosSqAlpha = 0;
  let cos2SigmaM = 0;
  for (let i = 0; i < 200; i++) {
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    const t1 = cosU2 * sinLambda;
    const t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
    sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
    if (sinSigma === 0) return 0;
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cosSqAlpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cosSqAlpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cosSqAlpha;
    const C = (F / 16) * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
    const previous = lambda;
    lambda =
      L +
      (1 - C) *
        F *
        sinAlpha *
        (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    if (Math.abs(lambda - previous) < 1e-12) break;
  }
  const uSq = (cosSqAlpha * (A * A - B * B)) / (B * B);
  const bigA = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const bigB = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  const deltaSigma =
    bigB *
    sinSigma *
    (cos2SigmaM +
      (bigB / 4) *
        (cosSigma * (-1 + 2 * cos2SigmaM ** 2) -
          (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
  return B * bigA * (sigma - deltaSigma);
}

/**
 * Bounding box of the European Netherlands including the Wadden islands and coastal waters. The BAG only
 * covers this area, so a point outside it is a typo (swapped lat/lon, wrong sign) rather than a location.
 */
export const NETHERLANDS_BOUNDS = { minLat: 50.74, maxLat: 53.7, minLon: 3.2, maxLon: 7.25 } as const;

/** Whether a point lies in the Netherlands' bounding box. */
export function isInNetherlands(point: GeoPoint): boolean {
  const b = NETHERLANDS_BOUNDS;
  return point.lat >= b.minLat && point.lat <= b.maxLat && point.lon >= b.minLon && point.lon <= b.maxLon;
}

/** A WGS84 bounding box that surely contains every point within `radiusM` of `point` (with a 1 % margin). */
export function boundingBox(
  point: GeoPoint,
  radiusM: number,
): { minLat: number; minLon: number; maxLat: number; maxLon: number } {
  const margin = radiusM * 1.01 + 1;
  const dLat = margin / 110_574;
  const dLon = margin / (111_320 * Math.cos(point.lat * RAD));
  return {
    minLat: point.lat - dLat,
    maxLat: point.lat + dLat,
    minLon: point.lon - dLon,
    maxLon: point.lon + dLon,
  };
}

/** Whether a point lies within `radiusM` metres of at least one of the centres. */
export function withinAnyRadius(point: GeoPoint, centres: readonly GeoPoint[], radiusM: number): boolean {
  for (const centre of centres) {
    if (geodesicDistance(point, centre) <= radiusM) return true;
  }
  return false;
}
