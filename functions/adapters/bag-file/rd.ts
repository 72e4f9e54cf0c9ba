import proj4 from 'proj4';
import type { GeoPoint } from '../../core/letters/address.schema.js';

/**
 * EPSG:28992 (Amersfoort / RD New) with the 7-parameter Bessel → WGS84 shift. Without `towgs84` proj4 only
 * changes the ellipsoid, which puts every point about 100 m off.
 */
export const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

const converter = proj4(RD_NEW_PROJ4, 'WGS84');

/** Whether x/y fall inside the RD grid's valid area. */
export function isPlausibleRd(x: number, y: number): boolean {
  return x >= -7_000 && x <= 300_000 && y >= 289_000 && y <= 629_000;
}

/** RD x/y in metres to WGS84 latitude/longitude. */
export function rdToWgs84(x: number, y: number): GeoPoint {
  const [lon, lat] = converter.forward([x, y]);
  return { lat: lat ?? Number.NaN, lon: lon ?? Number.NaN };
}

/** WGS84 to RD x/y, for PDOK queries in RD and for tests. */
export function wgs84ToRd(point: GeoPoint): { x: number; y: number } {
  const [x, y] = converter.inverse([point.lon, point.lat]);
  return { x: x ?? Number.NaN, y: y ?? Number.NaN };
}
