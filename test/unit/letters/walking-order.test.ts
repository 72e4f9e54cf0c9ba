import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHouseNumber } from '../../../functions/core/letters/address.schema.js';
import {
  describeRanges,
  houseNumberRanges,
  walkingOrder,
} from '../../../functions/core/letters/walking-order.js';
import { anAddress } from './builders.js';

describe('walkingOrder', () => {
  it('walks the odd side up, then the even side back down, street by street', () => {
    // Prepare
    const addresses = [
      anAddress({ street: 'Brugstraat', houseNumber: 4 }),
      anAddress({ street: 'Brugstraat', houseNumber: 3, letter: 'a' }),
      anAddress({ street: 'Akkerweg', houseNumber: 2 }),
      anAddress({ street: 'Brugstraat', houseNumber: 1 }),
      anAddress({ street: 'Brugstraat', houseNumber: 3 }),
      anAddress({ street: 'Brugstraat', houseNumber: 2 }),
      anAddress({ street: 'Brugstraat', houseNumber: 10 }),
    ];
    // Act
    const order = walkingOrder(addresses).map((a) => `${a.street} ${formatHouseNumber(a)}`);
    // Assess
    expect(order).toEqual([
      'Akkerweg 2',
      'Brugstraat 1',
      'Brugstraat 3',
      'Brugstraat 3a',
      'Brugstraat 10',
      'Brugstraat 4',
      'Brugstraat 2',
    ]);
  });

  it('is a permutation whose order does not depend on the input order', () => {
    const address = fc.record({
      street: fc.constantFrom('Akkerweg', 'Brugstraat', 'Dijk'),
      houseNumber: fc.integer({ min: 1, max: 60 }),
      letter: fc.constantFrom('', 'a', 'b'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(address, { selector: (a) => `${a.street}${a.houseNumber}${a.letter}`, maxLength: 40 }),
        (specs) => {
          const addresses = specs.map((s) => anAddress(s));
          const forward = walkingOrder(addresses).map((a) => a.id);
          const backward = walkingOrder([...addresses].reverse()).map((a) => a.id);
          expect(forward).toEqual(backward);
          expect([...forward].sort()).toEqual(addresses.map((a) => a.id).sort());
          for (const street of ['Akkerweg', 'Brugstraat', 'Dijk']) {
            const numbers = walkingOrder(addresses)
              .filter((a) => a.street === street)
              .map((a) => a.houseNumber);
            const firstEven = numbers.findIndex((n) => n % 2 === 0);
            const odd = firstEven < 0 ? numbers : numbers.slice(0, firstEven);
            const even = firstEven < 0 ? [] : numbers.slice(firstEven);
            expect(odd.every((n) => n % 2 === 1)).toBe(true);
            expect(even.every((n) => n % 2 === 0)).toBe(true);
            expect(odd).toEqual([...odd].sort((x, y) => x - y));
            expect(even).toEqual([...even].sort((x, y) => y - x));
          }
        },
      ),
    );
  });
});

describe('houseNumberRanges', () => {
  it('gives the span and count per side and describes them in walking direction', () => {
    // Prepare
    const addresses = [1, 3, 9, 2, 40].map((houseNumber) => anAddress({ houseNumber }));
    // Act
    const ranges = houseNumberRanges(addresses);
    // Assess
    expect(ranges).toEqual([
      { side: 'odd', from: 1, to: 9, count: 3 },
      { side: 'even', from: 2, to: 40, count: 2 },
    ]);
    expect(describeRanges(ranges)).toBe('oneven 1–9 (3), even 40–2 (2)');
  });
});
