import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressLabel } from '../../functions/adapters/bag-file/address-index.js';
import {
  DEMO_CENTRE,
  generateDemoNeighbourhood,
} from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import { type Address, AddressSchema, type GeoPoint } from '../../functions/core/letters/address.schema.js';
import { geodesicDistance } from '../../functions/core/letters/geo.js';
import type { AddressSource } from '../../functions/core/letters/ports.js';

export interface AddressSourceTarget {
  source: AddressSource;
  /** Requests the provider refused as malformed: a conforming adapter sends none. */
  malformedRequests(): Promise<number>;
  close(): Promise<void>;
}

/** A street name that also occurs, close by, in a second town: streets are told apart by their town. */
const SHARED_STREET = 'Kerkstraat';
const OTHER_TOWN = 'Anderdorp (fictief)';

/**
 * The data set every implementation serves: the fictitious demo neighbourhood (houses, shops, mixed use,
 * apartments, houseboats) plus a few addresses in a neighbouring town on a street of the same name.
 */
export function contractAddresses(): Address[] {
  const base = generateDemoNeighbourhood({ seed: 7 });
  const street = base[0]!.street;
  const twins = [1, 2, 3].map((n) => ({
    ...base[0]!,
    id: `twin-${n}`,
    street,
    houseNumber: n,
    letter: '',
    addition: '',
    postcode: '0999AA',
    city: OTHER_TOWN,
    lat: DEMO_CENTRE.lat + 0.0005 * n,
    lon: DEMO_CENTRE.lon - 0.0004,
    purposes: ['woonfunctie'],
    residential: true,
  }));
  const shared = base.map((a, i) => (i % 50 === 7 ? { ...a, street: SHARED_STREET } : a));
  return [...shared, ...twins];
}

const ids = (addresses: readonly Address[]) => addresses.map((a) => a.id).sort();
const near = (addresses: readonly Address[], points: readonly GeoPoint[], radiusM: number) =>
  addresses.filter((a) => points.some((p) => geodesicDistance(p, a) <= radiusM));

/**
 * The AddressSource contract: what street selection relies on from every source (the BAG file index, PDOK).
 * Given the same addresses, each answers the same radius and street queries, and resolves what a person types.
 */
export function addressSourceContract(
  name: string,
  connect: (addresses: Address[]) => Promise<AddressSourceTarget>,
): void {
  describe(`AddressSource on ${name}`, () => {
    const addresses = contractAddresses();
    let target: AddressSourceTarget;
    beforeAll(async () => {
      target = await connect(addresses);
    });
    afterAll(async () => {
      await target.close();
    });

    it('finds exactly the addresses within the radius of a point, each a valid address', async () => {
      for (const radius of [40, 120, 260]) {
        const found = await target.source.within([DEMO_CENTRE], radius);
        expect(ids(found), `${radius} m`).toEqual(ids(near(addresses, [DEMO_CENTRE], radius)));
        for (const a of found) expect(AddressSchema.parse(a)).toEqual(addresses.find((b) => b.id === a.id));
      }
    });

    it('gives the union of several points once per address', async () => {
      const points = [DEMO_CENTRE, { lat: DEMO_CENTRE.lat + 0.0012, lon: DEMO_CENTRE.lon + 0.0008 }];
      const found = await target.source.within(points, 150);
      expect(found.length).toBe(new Set(found.map((a) => a.id)).size);
      expect(ids(found)).toEqual(ids(near(addresses, points, 150)));
    });

    it('keeps only residential addresses when asked, houseboats included', async () => {
      const found = await target.source.within([DEMO_CENTRE], 400, { residentialOnly: true });
      const expected = near(addresses, [DEMO_CENTRE], 400).filter((a) => a.residential);
      expect(ids(found)).toEqual(ids(expected));
      expect(expected.some((a) => a.purposes.length === 0)).toBe(true);
      expect(near(addresses, [DEMO_CENTRE], 400).length).toBeGreaterThan(expected.length);
    });

    it('finds every address on a street in its own town, and none on the same name elsewhere', async () => {
      const street = addresses[0]!;
      const found = await target.source.onStreets([
        { street: street.street, city: street.city },
        { street: SHARED_STREET, city: street.city },
      ]);
      const expected = addresses.filter(
        (a) => a.city === street.city && (a.street === street.street || a.street === SHARED_STREET),
      );
      expect(ids(found)).toEqual(ids(expected));
      expect(found.some((a) => a.city === OTHER_TOWN)).toBe(false);
      const other = await target.source.onStreets([{ street: street.street, city: OTHER_TOWN }]);
      expect(ids(other)).toEqual(['twin-1', 'twin-2', 'twin-3']);
    });

    it('suggests addresses for a typed street and resolves a suggestion to its position', async () => {
      // Prepare
      const address = addresses.find((a) => a.residential && a.addition === '' && a.city !== OTHER_TOWN)!;
      // Act
      const suggestions = await target.source.suggest(`${address.street} ${address.houseNumber}`, 5);
      const first = suggestions[0];
      const resolved = first ? await target.source.geocode(first.id) : null;
      // Assess
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.length).toBeLessThanOrEqual(5);
      for (const s of suggestions) expect(s.label).toContain(address.street);
      expect(resolved?.label).toBe(first?.label);
      const match = addresses.find((a) => addressLabel(a) === first?.label)!;
      expect(geodesicDistance(resolved!.point, match)).toBeLessThan(1);
    });

    it('gives each suggestion the position its id resolves to, also for "street number, town" input', async () => {
      // Prepare: typed the way people write an address, without postcode and with the town's short name
      const address = addresses.find((a) => a.letter === '' && a.addition === '' && a.city !== OTHER_TOWN)!;
      const town = address.city.split(' ')[0]!;
      // Act
      const suggestions = await target.source.suggest(`${address.street} ${address.houseNumber}, ${town}`, 8);
      // Assess
      expect(suggestions.map((s) => s.label)).toContain(addressLabel(address));
      for (const s of suggestions) {
        const resolved = await target.source.geocode(s.id);
        expect(s.point, s.label).toBeDefined();
        expect(geodesicDistance(s.point!, resolved!.point)).toBeLessThan(1);
      }
    });

    it('geocodes a full typed address to its position, and an unknown one to null', async () => {
      const address = addresses.find((a) => a.letter === '' && a.addition === '' && a.city !== OTHER_TOWN)!;
      const found = await target.source.geocode(addressLabel(address));
      expect(found?.label).toBe(addressLabel(address));
      expect(geodesicDistance(found!.point, address)).toBeLessThan(1);
      expect(await target.source.geocode('Nergensstraat 999, 0000ZZ Nergenshuizen')).toBeNull();
    });

    it('sends only requests the provider accepts as well-formed', async () => {
      expect(await target.malformedRequests()).toBe(0);
    });
  });
}
