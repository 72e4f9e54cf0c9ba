import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PdokUnavailableError } from '../../../functions/adapters/pdok/pdok.errors.js';
import { PdokAddressSource } from '../../../functions/adapters/pdok/pdok-address-source.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/letters/pdok/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

type Feature = { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } };

interface Behaviour {
  /** Answers to send before the real one, per path: a status code or 'hang'. */
  faults: Record<string, (number | 'hang')[]>;
  pageSize: number;
  requests: URL[];
}

const behaviour: Behaviour = { faults: {}, pageSize: 2, requests: [] };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function inBbox(feature: Feature, bbox: number[]): boolean {
  const [lon = 0, lat = 0] =
    feature.geometry.type === 'Point'
      ? (feature.geometry.coordinates as number[])
      : ((feature.geometry.coordinates as number[][][])[0]?.[0] ?? []);
  const [minLon = 0, minLat = 0, maxLon = 0, maxLat = 0] = bbox;
  return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}

/** Serves the documented Locatieserver and BAG OGC response shapes, with cursor paging and injected faults. */
function handler(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  behaviour.requests.push(url);
  const fault = behaviour.faults[url.pathname]?.shift();
  if (fault === 'hang') return;
  if (typeof fault === 'number')
    return send(res, fault, { error: 'injected' }, fault === 429 ? { 'retry-after': '0' } : {});
  if (url.pathname === '/ls/free') {
    const q = url.searchParams.get('q') ?? '';
    return send(
      res,
      200,
      fixture(q.toLowerCase().startsWith('oefenstraat 3') ? 'free-proefstraat.json' : 'free-empty.json'),
    );
  }
  if (url.pathname === '/ls/suggest') return send(res, 200, fixture('suggest-oefen.json'));
  if (url.pathname === '/ls/lookup') {
    if (!url.searchParams.get('id')) return send(res, 400, fixture('error-400.json'));
    return send(res, 200, fixture('lookup-abcd.json'));
  }
  const match = /^\/bag\/collections\/(verblijfsobject|ligplaats|standplaats)\/items$/.exec(url.pathname);
  if (match) {
    const collection = match[1] ?? '';
    const all = (
      collection === 'standplaats' ? [] : (fixture(`${collection}.json`).features as Feature[])
    ).filter((f) => {
      const bbox = url.searchParams.get('bbox');
      if (bbox && !inBbox(f, bbox.split(',').map(Number))) return false;
      const street = url.searchParams.get('openbare_ruimte_naam');
      return !street || f.properties.openbare_ruimte_naam === street;
    });
    const start = Number(url.searchParams.get('cursor') ?? '0');
    const page = all.slice(start, start + behaviour.pageSize);
    const links = [{ rel: 'self', href: url.toString() }];
    if (start + behaviour.pageSize < all.length) {
      const next = new URL(url);
      next.searchParams.set('cursor', String(start + behaviour.pageSize));
      links.push({ rel: 'next', href: next.toString() });
    }
    return send(res, 200, {
      type: 'FeatureCollection',
      timeStamp: '2025-03-12T08:00:00Z',
      numberReturned: page.length,
      features: page,
      links,
    });
  }
  send(res, 404, { error: 'not found' });
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  behaviour.faults = {};
  behaviour.pageSize = 2;
  behaviour.requests = [];
});

function source(overrides: Partial<ConstructorParameters<typeof PdokAddressSource>[0]> = {}) {
  return new PdokAddressSource({
    locatieserverUrl: `${base}/ls`,
    bagOgcUrl: `${base}/bag/`,
    timeoutMs: 300,
    attempts: 3,
    backoffMs: 1,
    ...overrides,
  });
}

const point = { lat: 52.155174, lon: 5.387206 };

describe('PdokAddressSource geocoding', () => {
  it('geocodes a typed address with free and a suggestion id with lookup', async () => {
    // Act
    const typed = await source().geocode('Oefenstraat 3A Proefdorp');
    const byId = await source().geocode('adr-0000000000000000000000000000abcd');
    // Assess
    expect(typed).toEqual({
      label: 'Oefenstraat 3A, 0001AA Proefdorp',
      point: { lat: 52.155174, lon: 5.387499 },
    });
    expect(byId).toEqual(typed);
    expect(behaviour.requests.map((u) => u.pathname)).toEqual(['/ls/free', '/ls/lookup']);
    expect(behaviour.requests[0]?.searchParams.get('fq')).toBe('type:adres');
  });

  it('returns null for an address that does not geocode', async () => {
    expect(await source().geocode('Nergensstraat 99 Nergenshuizen')).toBeNull();
  });

  it('suggests labels while typing', async () => {
    const suggestions = await source().suggest('oefen');
    expect(suggestions.map((s) => s.label)).toEqual([
      'Oefenstraat 1, 0001AA Proefdorp',
      'Oefenstraat 3A, 0001AA Proefdorp',
    ]);
  });
});

describe('PdokAddressSource addresses', () => {
  it('follows cursor pages and keeps only addresses within the geodesic radius', async () => {
    // Act
    const found = await source().within([point], 50);
    // Assess
    expect(found.map((a) => `${a.street} ${a.houseNumber}${a.letter}`).sort()).toEqual([
      'Oefenstraat 1',
      'Oefenstraat 2',
      'Oefenstraat 3A',
      'Oefenstraat 5',
      'Proefkade 12',
      'Proefkade 20',
    ]);
    const pages = behaviour.requests.filter((u) => u.pathname.endsWith('/verblijfsobject/items'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[1]?.searchParams.get('cursor')).toBe('2');
  });

  it('keeps mixed use and houseboats as residential, drops withdrawn objects', async () => {
    // Act
    const found = await source().within([point], 100, { residentialOnly: true });
    // Assess
    const byNumber = Object.fromEntries(found.map((a) => [`${a.street} ${a.houseNumber}`, a]));
    expect(byNumber['Oefenstraat 3']?.purposes).toEqual(['onderwijsfunctie', 'woonfunctie']);
    expect(byNumber['Proefkade 20']?.purposes).toEqual([]);
    expect(byNumber['Oefenstraat 2']).toBeUndefined();
    expect(byNumber['Proefkade 14']).toBeUndefined();
  });

  it('lists all addresses of a street', async () => {
    const found = await source().onStreets([{ street: 'Proefkade', city: 'Proefdorp' }]);
    expect(found.map((a) => a.houseNumber).sort()).toEqual([12, 20]);
    expect(behaviour.requests[0]?.searchParams.get('woonplaats_naam')).toBe('Proefdorp');
  });

  it('retries 429, 5xx and timeouts, then succeeds', async () => {
    // Prepare
    behaviour.faults['/bag/collections/verblijfsobject/items'] = [429, 'hang'];
    behaviour.faults['/bag/collections/ligplaats/items'] = [503];
    // Act
    const found = await source().within([point], 10);
    // Assess
    expect(found.map((a) => a.houseNumber)).toEqual([1]);
  });

  it('gives up with a Dutch unavailable error after the last attempt', async () => {
    behaviour.faults['/bag/collections/verblijfsobject/items'] = [500, 502, 504];
    const attempt = source().within([point], 10);
    await expect(attempt).rejects.toBeInstanceOf(PdokUnavailableError);
    await expect(attempt).rejects.toMatchObject({ userMessage: expect.stringContaining('niet bereikbaar') });
  });

  it('does not follow a next link to another host', async () => {
    behaviour.pageSize = 1;
    const redirecting = source({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const body = (await response.json()) as { links?: { rel: string; href: string }[] };
        for (const link of body.links ?? [])
          if (link.rel === 'next') link.href = 'http://elsewhere.invalid/x';
        return new Response(JSON.stringify(body), { status: response.status });
      },
    });
    const found = await redirecting.onStreets([{ street: 'Oefenstraat', city: 'Proefdorp' }]);
    expect(found).toHaveLength(1);
  });
});
