import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/core/errors.js';
import {
  addressesForSelection,
  StreetSelectionSchema,
  selectStreets,
  validateArea,
} from '../../../functions/core/letters/selection.js';
import { anAddress, offset } from './builders.js';

const centre = { lat: 52.09, lon: 5.11 };

function neighbourhood() {
  return [
    anAddress({
      id: 'b1',
      street: 'Brugstraat',
      city: 'Groningen',
      houseNumber: 1,
      ...offset(centre, 20, 0),
    }),
    anAddress({
      id: 'b3',
      street: 'Brugstraat',
      city: 'Groningen',
      houseNumber: 3,
      ...offset(centre, 40, 0),
    }),
    anAddress({
      id: 'b5',
      street: 'Brugstraat',
      city: 'Groningen',
      houseNumber: 5,
      ...offset(centre, 400, 0),
    }),
    anAddress({
      id: 'b7',
      street: 'Brugstraat',
      city: 'Groningen',
      houseNumber: 7,
      purposes: ['winkelfunctie'],
      ...offset(centre, 30, 0),
    }),
    anAddress({ id: 'a2', street: 'Akkerweg', city: 'Groningen', houseNumber: 2, ...offset(centre, 0, 100) }),
    anAddress({ id: 'a4', street: 'Akkerweg', city: 'Groningen', houseNumber: 4, ...offset(centre, 0, 300) }),
    anAddress({ id: 'z1', street: 'Zandpad', city: 'Assen', houseNumber: 1, ...offset(centre, 0, -140) }),
    anAddress({ id: 'far', street: 'Verweg', city: 'Assen', houseNumber: 1, ...offset(centre, 0, 600) }),
  ];
}

describe('validateArea', () => {
  it.each([
    ['a point outside the Netherlands', [{ lat: 48.85, lon: 2.35 }], 150, 'ligt niet in Nederland'],
    ['radius 0', [centre], 0, 'groter zijn dan 0'],
    ['radius 5 km', [centre], 5000, 'hoogstens 1000 meter'],
    ['no point', [], 150, 'minstens één locatie'],
  ])('refuses %s with a Dutch message', (_name, points, radius, message) => {
    expect(() => validateArea(points, radius)).toThrow(ValidationError);
    try {
      validateArea(points, radius);
    } catch (error) {
      expect((error as ValidationError).userMessage).toContain(message);
    }
  });

  it('takes the maximum radius from configuration', () => {
    expect(() => validateArea([centre], 1500, { maxRadiusM: 2000 })).not.toThrow();
    expect(() => validateArea([centre], 300, { maxRadiusM: 250 })).toThrow(/maximum/);
  });
});

describe('selectStreets', () => {
  it('counts per street within the radius and on the whole street, sorted by city then street', () => {
    // Prepare
    const all = neighbourhood();
    const within = all.filter((a) => ['b1', 'b3', 'b7', 'a2', 'z1'].includes(a.id));
    // Act
    const selection = selectStreets({
      points: [centre],
      radiusM: 150,
      withinRadius: within,
      onStreets: all,
      residentialOnly: true,
    });
    // Assess
    expect(StreetSelectionSchema.parse(selection)).toEqual(selection);
    expect(selection).toEqual({
      radius_m: 150,
      points: [[52.09, 5.11]],
      streets: [
        { street: 'Zandpad', city: 'Assen', within_radius: 1, on_street: 1 },
        { street: 'Akkerweg', city: 'Groningen', within_radius: 1, on_street: 2 },
        { street: 'Brugstraat', city: 'Groningen', within_radius: 2, on_street: 3 },
      ],
      within_radius: 4,
      on_streets: 6,
    });
  });

  it('re-checks the distance, so a source returning a superset still gives exact counts', () => {
    // Prepare
    const all = neighbourhood();
    // Act
    const selection = selectStreets({
      points: [centre],
      radiusM: 50,
      withinRadius: all,
      onStreets: all,
      residentialOnly: false,
    });
    // Assess
    expect(selection.streets.map((s) => [s.street, s.within_radius])).toEqual([['Brugstraat', 3]]);
    expect(selection.on_streets).toBe(4);
  });
});

describe('addressesForSelection', () => {
  it('gives whole streets or only the part within the radius, in walking order', () => {
    // Prepare
    const all = neighbourhood();
    const base = {
      streets: [{ street: 'Brugstraat', city: 'Groningen' }],
      points: [centre],
      radiusM: 150,
      withinRadius: all,
      onStreets: all,
      residentialOnly: true,
    };
    // Act
    const whole = addressesForSelection({ ...base, mode: 'whole_streets' });
    const inside = addressesForSelection({ ...base, mode: 'within_radius' });
    // Assess
    expect(whole.map((a) => a.id)).toEqual(['b1', 'b3', 'b5']);
    expect(inside.map((a) => a.id)).toEqual(['b1', 'b3']);
  });
});
