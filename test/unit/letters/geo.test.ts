import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodesicDistance, isInNetherlands } from '../../../functions/core/letters/geo.js';

const haversine = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
};

const dutchPoint = fc.record({
  lat: fc.double({ min: 50.8, max: 53.5, noNaN: true }),
  lon: fc.double({ min: 3.4, max: 7.2, noNaN: true }),
});

describe('geodesicDistance', () => {
  it('matches Vincenty’s published Flinders Peak – Buninyong distance', () => {
    // Prepare
    const flinders = { lat: -(37 + 57 / 60 + 3.7203 / 3600), lon: 144 + 25 / 60 + 29.5244 / 3600 };
    const buninyong = { lat: -(37 + 39 / 60 + 10.1561 / 3600), lon: 143 + 55 / 60 + 35.3839 / 3600 };
    // Act
    const metres = geodesicDistance(flinders, buninyong);
    // Assess
    expect(metres).toBeCloseTo(54_972.271, 2);
  });

  it('is zero for one point and symmetric', () => {
    fc.assert(
      fc.property(dutchPoint, dutchPoint, (a, b) => {
        expect(geodesicDistance(a, a)).toBe(0);
        expect(Math.abs(geodesicDistance(a, b) - geodesicDistance(b, a))).toBeLessThan(1e-6);
      }),
    );
  });

  it('stays within 0.6 % of the spherical distance in the Netherlands', () => {
    fc.assert(
      fc.property(dutchPoint, dutchPoint, (a, b) => {
        const sphere = haversine(a, b);
        fc.pre(sphere > 10);
        expect(Math.abs(geodesicDistance(a, b) - sphere) / sphere).toBeLessThan(0.006);
      }),
    );
  });
});

describe('isInNetherlands', () => {
  it('accepts Utrecht and Texel, refuses Paris and swapped coordinates', () => {
    expect(isInNetherlands({ lat: 52.09, lon: 5.11 })).toBe(true);
    expect(isInNetherlands({ lat: 53.05, lon: 4.8 })).toBe(true);
    expect(isInNetherlands({ lat: 48.85, lon: 2.35 })).toBe(false);
    expect(isInNetherlands({ lat: 5.11, lon: 52.09 })).toBe(false);
  });
});
