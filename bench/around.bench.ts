import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Flatbush from 'flatbush';
import { AddressIndex } from '../functions/adapters/bag-file/address-index.js';
import { PdokAddressSource } from '../functions/adapters/pdok/pdok-address-source.js';
import type { Address, GeoPoint } from '../functions/core/letters/address.schema.js';
import { boundingBox, geodesicDistance } from '../functions/core/letters/geo.js';
import { median, queryPoints, syntheticExtract } from './around/synthetic-extract.js';
import { type Benchmark, interleaved, ratios, round, spread } from './bench.js';

const ADDRESSES = 300_000;
const RADIUS_M = 150;
const QUERIES = 400;
const ROUNDS = 5;
/** Round-trip time the stand-in PDOK server adds to every request: PDOK from a Lambda in eu-central-1. */
const PDOK_LATENCY_MS = 40;
/** PDOK's OGC API: at most 1000 items per page, the rest behind `links[rel=next]`. */
const PDOK_MAX_LIMIT = 1000;
const PDOK_QUERIES = 40;

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

/** The peer: a packed static R-tree (flatbush) over the same points, its box search, then the same exact check. */
function flatbushIndex(addresses: readonly Address[]) {
  const index = new Flatbush(addresses.length);
  for (const a of addresses) index.add(a.lon, a.lat, a.lon, a.lat);
  index.finish();
  return (point: GeoPoint, radiusM: number): Address[] => {
    const box = boundingBox(point, radiusM);
    const found: Address[] = [];
    for (const i of index.search(box.minLon, box.minLat, box.maxLon, box.maxLat)) {
      const a = addresses[i]!;
      if (geodesicDistance(point, a) <= radiusM) found.push(a);
    }
    return found;
  };
}

/**
 * A stand-in for PDOK's BAG OGC API Features on 127.0.0.1: `collections/{verblijfsobject,ligplaats,standplaats}/items`
 * with `bbox`, `limit` (capped at 1000) and cursor paging through `links[rel=next]`, answering after a fixed
 * latency. Features carry BAG's property names; the box search uses the same R-tree as the peer.
 */
async function pdokServer(addresses: readonly Address[], latencyMs: number) {
  const index = new Flatbush(addresses.length);
  for (const a of addresses) index.add(a.lon, a.lat, a.lon, a.lat);
  index.finish();
  let requests = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bag\/collections\/(verblijfsobject|ligplaats|standplaats)\/items$/.exec(url.pathname);
    setTimeout(() => {
      if (!match) {
        res.writeHead(404).end();
        return;
      }
      const [minLon, minLat, maxLon, maxLat] = (url.searchParams.get('bbox') ?? '').split(',').map(Number);
      const hits =
        match[1] === 'verblijfsobject'
          ? index.search(minLon ?? 0, minLat ?? 0, maxLon ?? 0, maxLat ?? 0).sort((a, b) => a - b)
          : [];
      const limit = Math.min(PDOK_MAX_LIMIT, Number(url.searchParams.get('limit') ?? '10'));
      const start = Number(url.searchParams.get('cursor') ?? '0');
      const page = hits.slice(start, start + limit).map((i) => {
        const a = addresses[i]!;
        return {
          type: 'Feature',
          id: a.id,
          geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
          properties: {
            identificatie: a.id,
            hoofdadres_identificatie: a.id,
            openbare_ruimte_naam: a.street,
            huisnummer: a.houseNumber,
            huisletter: a.letter || null,
            toevoeging: a.addition || null,
            postcode: a.postcode,
            woonplaats_naam: a.city,
            gebruiksdoel: a.purposes.join(','),
            status: 'Verblijfsobject in gebruik',
          },
        };
      });
      const links = [{ rel: 'self', href: url.toString() }];
      if (start + limit < hits.length) {
        const next = new URL(url);
        next.searchParams.set('cursor', String(start + limit));
        links.push({ rel: 'next', href: next.toString() });
      }
      res.writeHead(200, { 'content-type': 'application/geo+json' });
      res.end(
        JSON.stringify({ type: 'FeatureCollection', numberReturned: page.length, features: page, links }),
      );
    }, latencyMs);
  };
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const bench: Benchmark = {
  name: 'around',
  description:
    `${RADIUS_M} m radius queries in a generated extract of ${ADDRESSES.toLocaleString('nl-NL')} addresses: the kd-tree index vs ` +
    `a flatbush R-tree (${ROUNDS} interleaved rounds of ${QUERIES} queries) and a linear scan; the PDOK path against a local ` +
    `server with PDOK's paging and ${PDOK_LATENCY_MS} ms latency`,
  async run(log) {
    const addresses = syntheticExtract(ADDRESSES);
    let started = performance.now();
    const index = new AddressIndex(addresses);
    log(`index built in ${(performance.now() - started).toFixed(0)} ms`);
    started = performance.now();
    const peer = flatbushIndex(addresses);
    log(`flatbush built in ${(performance.now() - started).toFixed(0)} ms`);
    const points = queryPoints(QUERIES);
    let found = 0;
    for (const p of points) {
      const ours = index.withinSync([p], RADIUS_M);
      found += ours.length;
      if (ours.length !== peer(p, RADIUS_M).length) throw new Error('Index and flatbush disagree');
    }
    /** Median milliseconds per query over one pass of all query points. */
    const pass = (query: (p: GeoPoint) => unknown) => async () => {
      const times: number[] = [];
      for (const p of points) {
        const t = performance.now();
        query(p);
        times.push(performance.now() - t);
      }
      return 1 / median(times);
    };
    const rates = await interleaved({
      rounds: ROUNDS,
      contestants: {
        ours: pass((p) => index.withinSync([p], RADIUS_M)),
        flatbush: pass((p) => peer(p, RADIUS_M)),
      },
      onRound: (r, x) =>
        log(
          `round ${r}: index ${round(1 / x.ours, 4)} ms, flatbush ${round(1 / x.flatbush, 4)} ms (median per query)`,
        ),
    });
    const peerRatio = spread(ratios(rates.ours, rates.flatbush));

    const linear: number[] = [];
    for (const p of points.slice(0, 40)) {
      started = performance.now();
      const result = linearScan(addresses, p, RADIUS_M);
      linear.push(performance.now() - started);
      if (result.length !== index.withinSync([p], RADIUS_M).length)
        throw new Error('Index and linear scan disagree');
    }
    const oursMs = spread(
      rates.ours.map((r) => 1 / r),
      4,
    );
    const linearMedianMs = median(linear);

    const pdok = await pdokServer(addresses, PDOK_LATENCY_MS);
    try {
      const source = new PdokAddressSource({
        locatieserverUrl: `${pdok.base}/locatieserver`,
        bagOgcUrl: `${pdok.base}/bag`,
      });
      const pdokTimes: number[] = [];
      for (const p of points.slice(0, PDOK_QUERIES)) {
        const t = performance.now();
        const viaPdok = await source.within([p], RADIUS_M);
        pdokTimes.push(performance.now() - t);
        if (viaPdok.length !== index.withinSync([p], RADIUS_M).length)
          throw new Error('PDOK path and index disagree');
      }
      // A wide selection (1.2 km) crosses PDOK's 1000-item page, so the cursor paging is part of the figure.
      const wide = points.slice(0, 5);
      const before = pdok.requests();
      const t = performance.now();
      let wideFound = 0;
      for (const p of wide) wideFound += (await source.within([p], 1_200)).length;
      const wideMs = (performance.now() - t) / wide.length;
      const widePages = (pdok.requests() - before) / wide.length;
      log(
        `PDOK path: median ${round(median(pdokTimes), 1)} ms per ${RADIUS_M} m query at ${PDOK_LATENCY_MS} ms latency; ` +
          `1.2 km: ${round(wideMs, 1)} ms, ${round(wideFound / wide.length, 0)} addresses, ${round(widePages, 1)} requests per query`,
      );
      log(
        `${round(found / points.length, 1)} addresses per query; index ${oursMs.median} ms, linear ${round(linearMedianMs, 3)} ms`,
      );
      return {
        bench: 'around',
        addresses: ADDRESSES,
        rounds: ROUNDS,
        median_ms: oursMs,
        flatbush_median_ms: spread(
          rates.flatbush.map((r) => 1 / r),
          4,
        ),
        peer_ratio: peerRatio,
        linear_median_ms: round(linearMedianMs, 3),
        ratio: round(linearMedianMs / oursMs.median, 1),
        pdok_latency_ms: PDOK_LATENCY_MS,
        pdok_median_ms: round(median(pdokTimes), 1),
        pdok_wide_ms: round(wideMs, 1),
        pdok_wide_requests_per_query: round(widePages, 1),
      };
    } finally {
      await pdok.close();
    }
  },
};

export default bench;
