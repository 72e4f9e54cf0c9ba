import { type Address, type GeoPoint, streetKey } from './address.schema.js';

/** One street drawn as lines through its addresses, for the maps. */
export interface StreetLine {
  key: string;
  street: string;
  city: string;
  /** Polylines along the street; a street in parts far apart is drawn in several pieces. */
  segments: GeoPoint[][];
  /** Where the name goes (on the longest piece, a third or two thirds along) and the street's angle there. */
  label: GeoPoint & { angle: number };
}

const METRES_PER_LAT = 110_574;
/** Addresses this close together along the street merge into one vertex: both sides average to the middle. */
const BIN_M = 30;
/** Half the stretch along the street over which the line's offset across it is averaged. */
const SMOOTH_M = 45;
/** A gap this long along the street starts a new piece instead of a line through houses in between. */
const GAP_M = 160;

interface Local {
  x: number;
  y: number;
}

/**
 * The streets of a set of addresses as lines: the addresses of each street are ordered along the street's
 * main direction (its principal axis), merged per stretch of 30 m so houses on both sides give one line in
 * the middle, and split where the street has a long gap. Exact enough for a map of a neighbourhood; a street
 * that bends back on itself is drawn straighter than it is.
 */
export function streetLines(addresses: readonly Address[]): StreetLine[] {
  const byStreet = new Map<string, Address[]>();
  for (const a of addresses) {
    const key = streetKey(a);
    const list = byStreet.get(key);
    if (list) list.push(a);
    else byStreet.set(key, [a]);
  }
  const lines: StreetLine[] = [];
  for (const [key, list] of byStreet) {
    const first = list[0];
    if (!first) continue;
    lines.push({ key, street: first.street, city: first.city, ...lineOf(list) });
  }
  return lines.sort((a, b) => a.key.localeCompare(b.key));
}

function lineOf(list: readonly Address[]): Pick<StreetLine, 'segments' | 'label'> {
  const lat0 = list.reduce((s, a) => s + a.lat, 0) / list.length;
  const lon0 = list.reduce((s, a) => s + a.lon, 0) / list.length;
  const perLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const toLocal = (p: GeoPoint): Local => ({
    x: (p.lon - lon0) * perLon,
    y: (p.lat - lat0) * METRES_PER_LAT,
  });
  const toGeo = (p: Local): GeoPoint => ({
    lat: Number((lat0 + p.y / METRES_PER_LAT).toFixed(7)),
    lon: Number((lon0 + p.x / perLon).toFixed(7)),
  });
  const local = list.map(toLocal);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const p of local) {
    sxx += p.x * p.x;
    syy += p.y * p.y;
    sxy += p.x * p.y;
  }
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const along = (p: Local) => p.x * Math.cos(theta) + p.y * Math.sin(theta);
  const sorted = [...local].sort((a, b) => along(a) - along(b));
  const vertices: { at: number; p: Local }[] = [];
  let bin: Local[] = [];
  const across = (p: Local) => -p.x * Math.sin(theta) + p.y * Math.cos(theta);
  const flush = () => {
    if (bin.length === 0) return;
    const at = bin.reduce((s, q) => s + along(q), 0) / bin.length;
    // The offset across the street is averaged over a wider stretch, so a bin with more houses on one
    // side than the other does not pull the line towards that side.
    const near = sorted.filter((q) => Math.abs(along(q) - at) <= SMOOTH_M);
    const off = near.reduce((s, q) => s + across(q), 0) / near.length;
    const p = {
      x: at * Math.cos(theta) - off * Math.sin(theta),
      y: at * Math.sin(theta) + off * Math.cos(theta),
    };
    vertices.push({ at, p });
    bin = [];
  };
  for (const p of sorted) {
    const start = bin[0];
    if (start && along(p) - along(start) > BIN_M) flush();
    bin.push(p);
  }
  flush();
  const pieces: Local[][] = [];
  let piece: Local[] = [];
  let last: number | undefined;
  for (const v of vertices) {
    if (last !== undefined && v.at - last > GAP_M) {
      pieces.push(piece);
      piece = [];
    }
    piece.push(v.p);
    last = v.at;
  }
  pieces.push(piece);
  const length = (ps: Local[]) => {
    const [a, b] = [ps[0], ps[ps.length - 1]];
    return a && b ? Math.hypot(b.x - a.x, b.y - a.y) : 0;
  };
  const longest = pieces.reduce((best, ps) => (length(ps) > length(best) ? ps : best), pieces[0] ?? []);
  const a = longest[0] ?? { x: 0, y: 0 };
  const b = longest[longest.length - 1] ?? a;
  // Screen angle (y down), kept between -90 and 90 degrees so a name never reads upside down.
  let angle = (Math.atan2(-(b.y - a.y), b.x - a.x) * 180) / Math.PI;
  if (angle >= 90) angle -= 180;
  if (angle < -90) angle += 180;
  // Crossing streets meet near their middles: names of east–west streets go a third of the way along,
  // of north–south streets two thirds, so two names rarely sit on one crossing.
  const [west, east] = a.x <= b.x ? [a, b] : [b, a];
  const f = Math.abs(angle) < 45 ? 1 / 3 : 2 / 3;
  const at = toGeo({ x: west.x + (east.x - west.x) * f, y: west.y + (east.y - west.y) * f });
  return {
    segments: pieces.map((ps) => ps.map(toGeo)),
    label: { ...at, angle: Math.round(angle * 10) / 10 },
  };
}
