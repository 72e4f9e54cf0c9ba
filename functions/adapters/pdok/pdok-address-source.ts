import * as z from 'zod';
import {
  type Address,
  AddressSchema,
  type GeoPoint,
  isResidentialPurposes,
  type StreetRef,
  streetKey,
} from '../../core/letters/address.schema.js';
import { boundingBox, geodesicDistance } from '../../core/letters/geo.js';
import type {
  AddressQueryOptions,
  AddressSource,
  AddressSuggestion,
  GeocodedAddress,
} from '../../core/letters/ports.js';
import { getJson, type HttpOptions } from './http.js';
import { PdokUnavailableError } from './pdok.errors.js';

export interface PdokAddressSourceOptions {
  /** e.g. `https://api.pdok.nl/bzk/locatieserver/search/v3_1` */
  locatieserverUrl: string;
  /** e.g. `https://api.pdok.nl/kadaster/bag/ogc/v2` */
  bagOgcUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Items per OGC page (PDOK allows up to 1000). */
  pageSize?: number;
  /** Safety stop for cursor paging. */
  maxPages?: number;
}

const LocatieserverDocSchema = z.object({
  id: z.string(),
  weergavenaam: z.string(),
  type: z.string().optional(),
  centroide_ll: z.string().optional(),
});
const LocatieserverResponseSchema = z.object({
  response: z.object({ numFound: z.number(), docs: z.array(LocatieserverDocSchema) }),
});

const OgcFeatureSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.object({ type: z.string(), coordinates: z.unknown() }).nullable().optional(),
  properties: z.record(z.string(), z.unknown()),
});
const OgcCollectionSchema = z.object({
  features: z.array(OgcFeatureSchema),
  links: z.array(z.object({ rel: z.string(), href: z.string() })).optional(),
});

/** "POINT(5.13287587 52.08884161)" → point. */
export function parseWktPoint(wkt: string | undefined): GeoPoint | null {
  const match = /^POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)$/i.exec(wkt?.trim() ?? '');
  if (!match) return null;
  return { lon: Number(match[1]), lat: Number(match[2]) };
}

function centroid(geometry: { type: string; coordinates: unknown } | null | undefined): GeoPoint | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') {
    const [lon, lat] = geometry.coordinates as number[];
    return typeof lon === 'number' && typeof lat === 'number' ? { lat, lon } : null;
  }
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
    const ring = (
      geometry.type === 'Polygon'
        ? (geometry.coordinates as number[][][])[0]
        : (geometry.coordinates as number[][][][])[0]?.[0]
    ) as number[][] | undefined;
    if (!ring || ring.length === 0) return null;
    let lat = 0;
    let lon = 0;
    for (const [x, y] of ring) {
      lon += x ?? 0;
      lat += y ?? 0;
    }
    return { lat: lat / ring.length, lon: lon / ring.length };
  }
  return null;
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());

/** Turns a BAG OGC feature (verblijfsobject, ligplaats, standplaats) into an address; null when incomplete. */
export function featureToAddress(
  feature: z.infer<typeof OgcFeatureSchema>,
  collection: 'verblijfsobject' | 'ligplaats' | 'standplaats',
): Address | null {
  const p = feature.properties;
  const point = centroid(feature.geometry);
  if (!point) return null;
  const purposes =
    collection === 'verblijfsobject'
      ? text(p.gebruiksdoel)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const status = text(p.status).toLowerCase();
  if (
    status.includes('ingetrokken') ||
    status.includes('niet gerealiseerd') ||
    status.includes('buiten gebruik')
  ) {
    return null;
  }
  const parsed = AddressSchema.safeParse({
    id: text(p.hoofdadres_identificatie) || text(p.identificatie) || text(feature.id),
    street: text(p.openbare_ruimte_naam),
    houseNumber: Number(p.huisnummer),
    letter: text(p.huisletter),
    addition: text(p.toevoeging),
    postcode: text(p.postcode).replace(/\s/g, '').toUpperCase(),
    city: text(p.woonplaats_naam),
    lat: point.lat,
    lon: point.lon,
    purposes,
    residential: isResidentialPurposes(purposes),
  });
  return parsed.success ? parsed.data : null;
}

const COLLECTIONS = ['verblijfsobject', 'ligplaats', 'standplaats'] as const;

/**
 * `AddressSource` over PDOK: the Locatieserver (`suggest`, `lookup`, `free`) to geocode what a user types,
 * and the BAG OGC API Features (`verblijfsobject`, `ligplaats`, `standplaats` items by bbox or street,
 * cursor paging through `links[rel=next]`) for the addresses. Base URLs come through the constructor.
 */
export class PdokAddressSource implements AddressSource {
  private readonly http: HttpOptions;
  private readonly pageSize: number;
  private readonly maxPages: number;

  constructor(private readonly options: PdokAddressSourceOptions) {
    this.http = {
      fetch: options.fetch ?? fetch,
      timeoutMs: options.timeoutMs ?? 8_000,
      attempts: options.attempts ?? 4,
      backoffMs: options.backoffMs ?? 500,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
    this.pageSize = options.pageSize ?? 1000;
    this.maxPages = options.maxPages ?? 200;
  }

  private url(base: string, path: string, params: Record<string, string>): URL {
    const url = new URL(`${base.replace(/\/+$/, '')}/${path}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url;
  }

  private async locatieserver(endpoint: 'suggest' | 'lookup' | 'free', params: Record<string, string>) {
    const { status, body } = await getJson(
      this.url(this.options.locatieserverUrl, endpoint, params),
      this.http,
    );
    if (status === 400 || status === 404) return [];
    if (status !== 200) {
      throw new PdokUnavailableError('Locatieserver error', {
        userMessage: 'De adreszoeker (PDOK) gaf een fout.',
        context: { status },
      });
    }
    const parsed = LocatieserverResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new PdokUnavailableError('Locatieserver response has an unexpected shape', {
        userMessage: 'De adreszoeker (PDOK) gaf een onverwacht antwoord.',
      });
    }
    return parsed.data.response.docs;
  }

  private async features(
    collection: (typeof COLLECTIONS)[number],
    params: Record<string, string>,
  ): Promise<Address[]> {
    const result: Address[] = [];
    let next: URL | null = this.url(this.options.bagOgcUrl, `collections/${collection}/items`, {
      f: 'json',
      limit: String(this.pageSize),
      ...params,
    });
    const origin = next.origin;
    for (let page = 0; next && page < this.maxPages; page++) {
      const { status, body } = await getJson(next, this.http);
      if (status !== 200) {
        throw new PdokUnavailableError('BAG OGC API error', {
          userMessage: 'De BAG-dienst (PDOK) gaf een fout.',
          context: { status, collection },
        });
      }
      const parsed = OgcCollectionSchema.safeParse(body);
      if (!parsed.success) {
        throw new PdokUnavailableError('BAG OGC response has an unexpected shape', {
          userMessage: 'De BAG-dienst (PDOK) gaf een onverwacht antwoord.',
          context: { collection },
        });
      }
      for (const feature of parsed.data.features) {
        const address = featureToAddress(feature, collection);
        if (address) result.push(address);
      }
      const href = parsed.data.links?.find((l) => l.rel === 'next')?.href;
      next = href ? new URL(href, next) : null;
      // Only follow cursors on the configured host: a response must not steer requests elsewhere.
      if (next && next.origin !== origin) next = null;
    }
    return result;
  }

  async within(
    points: readonly GeoPoint[],
    radiusM: number,
    options: AddressQueryOptions = {},
  ): Promise<Address[]> {
    const found = new Map<string, Address>();
    for (const point of points) {
      const box = boundingBox(point, radiusM);
      const bbox = [box.minLon, box.minLat, box.maxLon, box.maxLat].map((v) => v.toFixed(7)).join(',');
      // The three collections at once: a query costs one round trip to PDOK instead of three.
      const perCollection = await Promise.all(COLLECTIONS.map((c) => this.features(c, { bbox })));
      for (const addresses of perCollection) {
        for (const address of addresses) {
          if (options.residentialOnly && !address.residential) continue;
          if (geodesicDistance(point, address) <= radiusM) found.set(address.id, address);
        }
      }
    }
    return [...found.values()];
  }

  async onStreets(streets: readonly StreetRef[], options: AddressQueryOptions = {}): Promise<Address[]> {
    const found = new Map<string, Address>();
    for (const ref of streets) {
      const params = { openbare_ruimte_naam: ref.street, woonplaats_naam: ref.city };
      const perCollection = await Promise.all(COLLECTIONS.map((c) => this.features(c, params)));
      for (const addresses of perCollection) {
        for (const address of addresses) {
          if (streetKey(address) !== streetKey(ref)) continue;
          if (options.residentialOnly && !address.residential) continue;
          found.set(address.id, address);
        }
      }
    }
    return [...found.values()];
  }

  async suggest(text: string, limit = 10): Promise<AddressSuggestion[]> {
    const q = text.trim();
    if (q.length < 2) return [];
    // With its position, so choosing a suggestion moves the map without a second request.
    const docs = await this.locatieserver('suggest', {
      q,
      fq: 'type:adres',
      rows: String(limit),
      fl: 'id,weergavenaam,type,score,centroide_ll',
    });
    return docs.map((d) => {
      const point = parseWktPoint(d.centroide_ll);
      return point ? { id: d.id, label: d.weergavenaam, point } : { id: d.id, label: d.weergavenaam };
    });
  }

  async geocode(textOrId: string): Promise<GeocodedAddress | null> {
    const input = textOrId.trim();
    if (input.length === 0) return null;
    const docs = /^adr-[0-9a-f]+$/i.test(input)
      ? await this.locatieserver('lookup', { id: input, fl: 'id,weergavenaam,centroide_ll,type' })
      : await this.locatieserver('free', {
          q: input,
          fq: 'type:adres',
          rows: '1',
          fl: 'id,weergavenaam,centroide_ll,type',
        });
    const doc = docs[0];
    const point = parseWktPoint(doc?.centroide_ll);
    return doc && point ? { label: doc.weergavenaam, point } : null;
  }
}
