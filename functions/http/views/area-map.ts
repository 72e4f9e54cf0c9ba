import { type Address, type GeoPoint, streetKey } from '../../core/letters/address.schema.js';
import type { StreetCoverageStatus } from '../../core/letters/distribution.js';
import type { StreetDeliveryStatus } from '../../core/letters/distribution.schema.js';
import { escapeHtml } from '../../core/letters/merge.js';
import { type StreetLine, streetLines } from '../../core/letters/street-lines.js';

export const MAP_WIDTH = 800;
const METRES_PER_LAT = 110_574;
const MARGIN_M = 60;

/** A local equirectangular projection fitted around the area: exact enough for a few kilometres. */
export interface MapViewport {
  centre: GeoPoint;
  /** Pixels per metre. */
  scale: number;
  width: number;
  height: number;
  west: number;
  north: number;
}

function metresPerLon(lat: number): number {
  return 111_320 * Math.cos((lat * Math.PI) / 180);
}

/** The viewport that shows every point with its radius circle and every address. */
export function mapViewport(
  points: readonly GeoPoint[],
  radiusM: number,
  addresses: readonly GeoPoint[],
): MapViewport {
  const centre = points[0] ?? addresses[0] ?? { lat: 52.1, lon: 5.1 };
  const xs: number[] = [];
  const ys: number[] = [];
  const add = (p: GeoPoint, pad: number) => {
    const x = (p.lon - centre.lon) * metresPerLon(centre.lat);
    const y = (centre.lat - p.lat) * METRES_PER_LAT;
    xs.push(x - pad, x + pad);
    ys.push(y - pad, y + pad);
  };
  for (const p of points) add(p, radiusM + MARGIN_M);
  for (const a of addresses) add(a, MARGIN_M / 2);
  const west = Math.min(...xs);
  const east = Math.max(...xs);
  const north = Math.min(...ys);
  const south = Math.max(...ys);
  const scale = MAP_WIDTH / Math.max(east - west, 1);
  const height = Math.max(200, Math.min(1200, Math.round((south - north) * scale)));
  return { centre, scale, width: MAP_WIDTH, height, west, north };
}

function project(view: MapViewport, p: GeoPoint): [number, number] {
  const x = ((p.lon - view.centre.lon) * metresPerLon(view.centre.lat) - view.west) * view.scale;
  const y = ((view.centre.lat - p.lat) * METRES_PER_LAT - view.north) * view.scale;
  return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
}

/** The WGS84 point under a click at pixel (x, y) of the map: the no-JavaScript map click. */
export function pixelToPoint(view: MapViewport, x: number, y: number): GeoPoint {
  const east = x / view.scale + view.west;
  const south = y / view.scale + view.north;
  return {
    lat: Number((view.centre.lat - south / METRES_PER_LAT).toFixed(7)),
    lon: Number((view.centre.lon + east / metresPerLon(view.centre.lat)).toFixed(7)),
  };
}

const STATUS_COLOURS: Record<StreetDeliveryStatus | 'selected', string> = {
  selected: '#0b5394',
  planned: '#b45f06',
  delivered: '#1e7b34',
  problem: '#c4001a',
};

export interface MapInput {
  view: MapViewport;
  points: readonly GeoPoint[];
  radiusM: number;
  /** Every address around (streets and radius), drawn grey. */
  around: readonly Address[];
  /** Addresses that get a letter, drawn in the street's colour. */
  letters: readonly Address[];
  /** Per street key a delivery status (coverage view); absent or `unplanned` means "selected". */
  streetStatus?: ReadonlyMap<string, StreetCoverageStatus>;
  title: string;
}

/**
 * A server-rendered SVG map from the address coordinates: no external tiles, works offline and without
 * JavaScript. Each street is a line through its addresses with its name along it (coloured when it gets
 * letters), grey dots are addresses around, coloured dots the ones that get a letter (or their delivery
 * status), rings the radius around each arrest location.
 */
export function areaMapSvg(input: MapInput): string {
  const { view } = input;
  const parts: string[] = [];
  const lines = streetLines(input.around);
  const names = [...new Set(lines.map((l) => l.street))].join(', ');
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${view.width}" height="${view.height}" viewBox="0 0 ${view.width} ${view.height}" role="img" aria-labelledby="kaart-titel kaart-straten">`,
    `<title id="kaart-titel">${escapeHtml(input.title)}</title>`,
    `<desc id="kaart-straten">${escapeHtml(names ? `Straten op de kaart: ${names}.` : 'Geen straten op de kaart.')}</desc>`,
    `<rect width="100%" height="100%" fill="#f4f4f0"/>`,
  );
  const letterIds = new Set(input.letters.map((a) => a.id));
  const letterStreets = new Set(input.letters.map(streetKey));
  const colourOf = (line: StreetLine) => {
    if (!letterStreets.has(line.key)) return '#8a8a8a';
    const status = input.streetStatus?.get(line.key);
    return STATUS_COLOURS[status === undefined || status === 'unplanned' ? 'selected' : status];
  };
  for (const line of lines) {
    const colour = colourOf(line);
    const what = letterStreets.has(line.key) ? 'krijgt brieven' : 'geen brieven';
    parts.push(`<g class="straat"><title>${escapeHtml(`${line.street}: ${what}`)}</title>`);
    for (const segment of line.segments) {
      const coords = segment.map((p) => project(view, p).join(',')).join(' ');
      parts.push(
        segment.length > 1
          ? `<polyline points="${coords}" fill="none" stroke="${colour}" stroke-opacity="0.45" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>`
          : '',
      );
    }
    parts.push('</g>');
  }
  const dot = Math.max(2, Math.min(5, 6 * view.scale));
  for (const a of input.around) {
    if (letterIds.has(a.id)) continue;
    const [x, y] = project(view, a);
    parts.push(`<circle cx="${x}" cy="${y}" r="${dot}" fill="#9a9a9a"/>`);
  }
  for (const a of input.letters) {
    const [x, y] = project(view, a);
    const status = input.streetStatus?.get(streetKey(a));
    const colour = STATUS_COLOURS[status === undefined || status === 'unplanned' ? 'selected' : status];
    parts.push(`<circle cx="${x}" cy="${y}" r="${dot + 1}" fill="${colour}"/>`);
  }
  for (const line of lines) {
    const [x, y] = project(view, line.label);
    parts.push(
      `<text x="${x}" y="${y + 4}" transform="rotate(${line.label.angle} ${x} ${y})" text-anchor="middle" font-family="sans-serif" font-size="13" font-weight="700" fill="#0b0c0c" stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${escapeHtml(line.street)}</text>`,
    );
  }
  input.points.forEach((p, i) => {
    const [x, y] = project(view, p);
    const r = Math.round(input.radiusM * view.scale * 10) / 10;
    parts.push(
      `<circle cx="${x}" cy="${y}" r="${r}" fill="none" stroke="#c4001a" stroke-width="2" stroke-dasharray="6 4"/>`,
      `<circle cx="${x}" cy="${y}" r="9" fill="#c4001a" stroke="#fff" stroke-width="2"/>`,
      `<text x="${x}" y="${y + 4}" text-anchor="middle" font-family="sans-serif" font-size="11" font-weight="700" fill="#fff">${i + 1}</text>`,
    );
  });
  const bar = 100 * view.scale;
  parts.push(
    `<g font-family="sans-serif" font-size="12" fill="#0b0c0c"><rect x="10" y="${view.height - 22}" width="${bar}" height="4" fill="#0b0c0c"/><text x="${14 + bar}" y="${view.height - 16}">100 m</text></g>`,
    '</svg>',
  );
  return parts.join('');
}

export const MAP_LEGEND: readonly { colour: string; label: string }[] = [
  { colour: STATUS_COLOURS.selected, label: 'krijgt een brief' },
  { colour: '#9a9a9a', label: 'adres in de buurt, geen brief' },
  { colour: '#c4001a', label: 'locatie met straal' },
];

export const COVERAGE_LEGEND: readonly { colour: string; label: string }[] = [
  { colour: STATUS_COLOURS.planned, label: 'gepland' },
  { colour: STATUS_COLOURS.delivered, label: 'bezorgd' },
  { colour: STATUS_COLOURS.problem, label: 'probleem' },
  { colour: STATUS_COLOURS.selected, label: 'nog niet ingepland' },
];
