import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Address, streetKey } from '../../../functions/core/letters/address.schema.js';
import { geodesicDistance } from '../../../functions/core/letters/geo.js';
import { streetLines } from '../../../functions/core/letters/street-lines.js';
import { anAddress, offset } from './builders.js';

const BASE = { lat: 52.1, lon: 5.1 };

/** A straight street of `houses` pairs, 24 m apart, 9 m either side of its middle, at `degrees` from east. */
function street(name: string, houses: number, degrees: number, start = { x: 0, y: 0 }): Address[] {
  const rad = (degrees * Math.PI) / 180;
  const result: Address[] = [];
  for (let i = 0; i < houses; i++) {
    for (const side of [-9, 9]) {
      const along = i * 24;
      const east = start.x + along * Math.cos(rad) - side * Math.sin(rad);
      const north = start.y + along * Math.sin(rad) + side * Math.cos(rad);
      result.push(
        anAddress({ street: name, houseNumber: 2 * i + (side < 0 ? 1 : 2), ...offset(BASE, north, east) }),
      );
    }
  }
  return result;
}

describe('streetLines', () => {
  it('gives every street of the set exactly one line, named as the street', () => {
    const set = [...street('Proefstraat', 10, 0), ...street('Oefenlaan', 8, 90, { x: 100, y: -50 })];
    const lines = streetLines(set);
    expect(lines.map((l) => l.key).sort()).toEqual([...new Set(set.map(streetKey))].sort());
    for (const line of lines) expect(line.key).toBe(streetKey(line));
  });

  it('draws a street with houses on both sides as one ordered line through its middle, at any angle', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (n, deg) => {
          const houses = street('Teststraat', n, deg);
          const [line] = streetLines([...houses].reverse());
          expect(line!.segments).toHaveLength(1);
          const segment = line!.segments[0]!;
          // Every vertex lies between the two rows of houses, never out on one side.
          for (const p of segment) {
            expect(Math.min(...houses.map((h) => geodesicDistance(p, h)))).toBeLessThan(20);
          }
          // Ordered along the street: the distance from the first vertex only grows.
          const from = segment.map((p) => geodesicDistance(segment[0]!, p));
          expect(from).toEqual([...from].sort((a, b) => a - b));
          expect(Math.abs(line!.label.angle)).toBeLessThanOrEqual(90);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splits a street with a long gap into pieces instead of a line through what lies between', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 2_000 }), (gap) => {
        const near = street('Kerkstraat', 6, 0);
        const far = street('Kerkstraat', 6, 0, { x: 5 * 24 + gap, y: 0 });
        const [line] = streetLines([...near, ...far]);
        expect(line!.segments).toHaveLength(2);
      }),
      { numRuns: 25 },
    );
  });
});
