import { type Address, type GeoPoint, isResidentialPurposes } from '../../core/letters/address.schema.js';

/** The fictitious town of the demo set. The name says it is invented, on every letter and list. */
export const DEMO_CITY = 'Voorbeeldstad (fictief)';

/** A made-up centre in a forest on the Veluwe, where no real street lies. */
export const DEMO_CENTRE: GeoPoint = { lat: 52.1085, lon: 5.8205 };

const EAST_WEST = ['Proefstraat', 'Oefenlaan', 'Verzonnenweg', 'Fictiestraat', 'Droomgracht'];
const NORTH_SOUTH = ['Demokade', 'Schijnsingel', 'Testdreef', 'Nepstraat', 'Voorbeeldlaan'];

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A seeded, clearly fictitious neighbourhood of a few hundred addresses: a grid of ten invented streets
 * with houses on both sides, some apartments (additions), shops and offices, mixed use and houseboats
 * without a usage purpose. Postcodes start with 0, which no real Dutch postcode does.
 */
export function generateDemoNeighbourhood(options: { seed?: number; centre?: GeoPoint } = {}): Address[] {
  const random = mulberry32(options.seed ?? 20_240_611);
  const centre = options.centre ?? DEMO_CENTRE;
  const metresPerLat = 111_200;
  const metresPerLon = 111_320 * Math.cos((centre.lat * Math.PI) / 180);
  const at = (east: number, north: number): GeoPoint => ({
    lat: Number((centre.lat + north / metresPerLat).toFixed(7)),
    lon: Number((centre.lon + east / metresPerLon).toFixed(7)),
  });
  const addresses: Address[] = [];
  const streets = [
    ...EAST_WEST.map((name, i) => ({ name, horizontal: true, offset: (i - 2) * 130, index: i })),
    ...NORTH_SOUTH.map((name, i) => ({ name, horizontal: false, offset: (i - 2) * 130, index: i + 5 })),
  ];
  for (const street of streets) {
    const houses = 18 + Math.floor(random() * 8);
    for (let n = 1; n <= houses * 2; n++) {
      const along = -280 + Math.ceil(n / 2) * 24;
      const side = n % 2 === 1 ? -9 : 9;
      const point = street.horizontal ? at(along, street.offset + side) : at(street.offset + side, along);
      const roll = random();
      let purposes = ['woonfunctie'];
      if (roll < 0.06) purposes = ['winkelfunctie'];
      else if (roll < 0.1) purposes = ['kantoorfunctie'];
      else if (roll < 0.14) purposes = ['woonfunctie', 'winkelfunctie'];
      else if (roll < 0.16) purposes = ['bijeenkomstfunctie'];
      const postcode = `0${String(street.index).padStart(2, '0')}${n % 2}${n <= houses ? 'AA' : 'AB'}`;
      const apartments = roll > 0.93 ? 3 : 1;
      for (let k = 1; k <= apartments; k++) {
        const addition = apartments > 1 ? String(k) : '';
        addresses.push({
          id: `demo-${street.index}-${n}${addition ? `-${addition}` : ''}`,
          street: street.name,
          houseNumber: n,
          letter: roll > 0.9 && roll <= 0.93 ? 'a' : '',
          addition,
          postcode,
          city: DEMO_CITY,
          ...point,
          purposes,
          residential: isResidentialPurposes(purposes),
        });
      }
    }
  }
  for (let k = 1; k <= 4; k++) {
    addresses.push({
      id: `demo-lig-${k}`,
      street: 'Droomgracht',
      houseNumber: 100 + k * 2,
      letter: '',
      addition: '',
      postcode: '0041AC',
      city: DEMO_CITY,
      ...at(-200 + k * 40, 2 * 130 + 20),
      purposes: [],
      residential: true,
    });
  }
  return addresses;
}
