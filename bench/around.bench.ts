import { AddressIndex } from '../functions/adapters/bag-file/address-index.js';
import type { Address, GeoPoint } from '../functions/core/letters/address.schema.js';
import { boundingBox, geodesicDistance } from '../functions/core/letters/geo.js';
import { median, queryPoints, syntheticExtract } from './around/synthetic-extract.js';
import type { Benchmark } from './bench.js';

const ADDRESSES = 300_000;
const RADIUS_M = 150;

/** A linear scan done properly: a cheap bounding-box test first, the exact geodesic check only inside it. */
function linearScan(addresses: readonly Address[], point: GeoPoint, radiusM: number): Address[] {
  const box = boundingBox(point, radiusM);
  const found: Address[] = [];
  for (const a of addresses) {
    if (a.lat < box.minLat || a.lat > box.maxLat || a.lon < box.minLon || a.lon > box.maxLon) continue;
    if (geodesicDistance(point, a) <= radiusM) found.push(a);
  }
  return found;
}

const bench: Benchmark = {
  name: 'around',
  description: `mediane zoektijd voor ${RADIUS_M} m in een gegenereerd extract van ${ADDRESSES.toLocaleString('nl-NL')} adressen, tegen een lineaire scan`,
  async run(log) {
    const addresses = syntheticExtract(ADDRESSES);
    let started = performance.now();
    const index = new AddressIndex(addresses);
    log(`index gebouwd in ${(performance.now() - started).toFixed(0)} ms`);
    const points = queryPoints(400);
    for (const p of points.slice(0, 20)) index.withinSync([p], RADIUS_M);
    const indexed: number[] = [];
    let found = 0;
    for (const p of points) {
      started = performance.now();
      found += index.withinSync([p], RADIUS_M).length;
      indexed.push(performance.now() - started);
    }
    const linear: number[] = [];
    for (const p of points.slice(0, 40)) {
      started = performance.now();
      const result = linearScan(addresses, p, RADIUS_M);
      linear.push(performance.now() - started);
      const viaIndex = index.withinSync([p], RADIUS_M);
      if (result.length !== viaIndex.length) throw new Error('Index and linear scan disagree');
    }
    const medianMs = median(indexed);
    const linearMedianMs = median(linear);
    log(
      `gemiddeld ${(found / points.length).toFixed(1)} adressen per zoekvraag; index ${medianMs.toFixed(4)} ms, lineair ${linearMedianMs.toFixed(3)} ms`,
    );
    return {
      bench: 'around',
      addresses: ADDRESSES,
      median_ms: Number(medianMs.toFixed(4)),
      linear_median_ms: Number(linearMedianMs.toFixed(3)),
      ratio: Number((linearMedianMs / medianMs).toFixed(1)),
    };
  },
};

export default bench;
