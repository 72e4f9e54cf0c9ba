import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressIndex } from '../../../functions/adapters/bag-file/address-index.js';
import {
  loadAddressSet,
  loadAddressSource,
  saveAddressSet,
} from '../../../functions/adapters/bag-file/address-store.js';
import {
  DEMO_CENTRE,
  DEMO_CITY,
  generateDemoNeighbourhood,
} from '../../../functions/adapters/bag-file/demo-neighbourhood.js';
import { geodesicDistance } from '../../../functions/core/letters/geo.js';
import { findStreetsAround } from '../../../functions/core/letters/selection.js';

const demo = generateDemoNeighbourhood();

describe('generateDemoNeighbourhood', () => {
  it('is deterministic per seed, fictitious and mixed', () => {
    // Act
    const again = generateDemoNeighbourhood();
    const other = generateDemoNeighbourhood({ seed: 7 });
    // Assess
    expect(again).toEqual(demo);
    expect(other).not.toEqual(demo);
    expect(demo.length).toBeGreaterThan(300);
    expect(demo.every((a) => a.city === DEMO_CITY && a.postcode.startsWith('0'))).toBe(true);
    expect(demo.some((a) => !a.residential)).toBe(true);
    expect(demo.some((a) => a.purposes.length === 0 && a.residential)).toBe(true);
    expect(new Set(demo.map((a) => a.id)).size).toBe(demo.length);
  });
});

describe('AddressIndex', () => {
  it('finds exactly what a linear geodesic scan finds', () => {
    const index = new AddressIndex(demo);
    fc.assert(
      fc.property(
        fc.double({ min: -300, max: 300, noNaN: true }),
        fc.double({ min: -300, max: 300, noNaN: true }),
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        (north, east, radius, residentialOnly) => {
          const point = { lat: DEMO_CENTRE.lat + north / 111_250, lon: DEMO_CENTRE.lon + east / 68_400 };
          const found = index
            .withinSync([point], radius, { residentialOnly })
            .map((a) => a.id)
            .sort();
          const linear = demo
            .filter((a) => (!residentialOnly || a.residential) && geodesicDistance(point, a) <= radius)
            .map((a) => a.id)
            .sort();
          expect(found).toEqual(linear);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('selects the streets around two points', async () => {
    // Prepare
    const index = new AddressIndex(demo);
    const points = [DEMO_CENTRE, { lat: DEMO_CENTRE.lat + 0.002, lon: DEMO_CENTRE.lon }];
    // Act
    const { selection } = await findStreetsAround(index, { points, radiusM: 150, residentialOnly: true });
    // Assess
    expect(selection.streets.length).toBeGreaterThan(2);
    for (const row of selection.streets) expect(row.on_street).toBeGreaterThanOrEqual(row.within_radius);
    expect(selection.within_radius).toBe(selection.streets.reduce((sum, row) => sum + row.within_radius, 0));
  });

  it('suggests and geocodes typed addresses, and returns null for one that does not exist', async () => {
    // Prepare
    const index = new AddressIndex(demo);
    const target = demo.find((a) => a.street === 'Proefstraat' && a.houseNumber === 3);
    // Act
    const suggestions = await index.suggest('proefstr 3');
    const hit = await index.geocode('Proefstraat 3, Voorbeeldstad');
    const miss = await index.geocode('Nergensstraat 12');
    // Assess
    expect(suggestions[0]?.label).toMatch(/^Proefstraat 3,/);
    expect(hit?.point).toEqual({ lat: target?.lat, lon: target?.lon });
    expect(miss).toBeNull();
  });
});

describe('address store', () => {
  it('replaces the stored set on re-import and falls back to the demo set when empty', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'adressen-'));
    // Act
    const before = await loadAddressSource(dir);
    await saveAddressSet(dir, demo, { source: 'a.csv', importedAt: new Date('2025-03-12T08:00:00Z') });
    await saveAddressSet(dir, demo.slice(0, 10), {
      source: 'b.csv',
      importedAt: new Date('2025-03-12T09:00:00Z'),
    });
    const stored = await loadAddressSet(dir);
    // Assess
    expect(before.meta).toBeNull();
    expect(before.source.size).toBe(demo.length);
    expect(stored?.meta).toMatchObject({ source: 'b.csv', count: 10, demo: false });
    expect(stored?.addresses).toEqual(demo.slice(0, 10));
  });
});
