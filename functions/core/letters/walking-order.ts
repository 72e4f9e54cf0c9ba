import {
  type Address,
  dutchCollator,
  formatHouseNumber,
  type StreetRef,
  streetKey,
} from './address.schema.js';

function compareWithinNumber(a: Address, b: Address): number {
  return (
    a.houseNumber - b.houseNumber ||
    dutchCollator.compare(a.letter, b.letter) ||
    dutchCollator.compare(a.addition, b.addition)
  );
}

/** Streets sorted by city, then street name, the order every list and the CLI use. */
export function compareStreets(a: StreetRef, b: StreetRef): number {
  return dutchCollator.compare(a.city, b.city) || dutchCollator.compare(a.street, b.street);
}

/**
 * Addresses in the order a distributor walks: street by street (city, then name), and per street the odd
 * side ascending, then back along the even side descending. One letter per address follows this order so
 * the printed stack matches the route.
 */
export function walkingOrder(addresses: readonly Address[]): Address[] {
  const byStreet = groupByStreet(addresses);
  const result: Address[] = [];
  for (const group of byStreet) {
    const odd = group.addresses.filter((a) => a.houseNumber % 2 === 1).sort(compareWithinNumber);
    const even = group.addresses
      .filter((a) => a.houseNumber % 2 === 0)
      .sort((a, b) => compareWithinNumber(b, a));
    result.push(...odd, ...even);
  }
  return result;
}

/** Addresses grouped per street, streets sorted by city then name; addresses keep their input order. */
export function groupByStreet(addresses: readonly Address[]): { ref: StreetRef; addresses: Address[] }[] {
  const groups = new Map<string, { ref: StreetRef; addresses: Address[] }>();
  for (const address of addresses) {
    const key = streetKey(address);
    let group = groups.get(key);
    if (!group) {
      group = { ref: { street: address.street, city: address.city }, addresses: [] };
      groups.set(key, group);
    }
    group.addresses.push(address);
  }
  return [...groups.values()].sort((a, b) => compareStreets(a.ref, b.ref));
}

/** House-number span of one side of a street, as printed on a distribution list. */
export interface HouseNumberRange {
  side: 'odd' | 'even';
  from: number;
  to: number;
  count: number;
}

/** The odd and even spans of a street's addresses (sides without addresses are left out). */
export function houseNumberRanges(addresses: readonly Address[]): HouseNumberRange[] {
  const ranges: HouseNumberRange[] = [];
  for (const side of ['odd', 'even'] as const) {
    const numbers = addresses
      .filter((a) => (a.houseNumber % 2 === 1) === (side === 'odd'))
      .map((a) => a.houseNumber);
    if (numbers.length === 0) continue;
    ranges.push({ side, from: Math.min(...numbers), to: Math.max(...numbers), count: numbers.length });
  }
  return ranges;
}

/** "oneven 1–31 (14), even 40–2 (16)": a range description in walking direction. */
export function describeRanges(ranges: readonly HouseNumberRange[]): string {
  return ranges
    .map((r) =>
      r.side === 'odd' ? `oneven ${r.from}–${r.to} (${r.count})` : `even ${r.to}–${r.from} (${r.count})`,
    )
    .join(', ');
}

/** The printed house numbers of a street in walking order, for a cover sheet. */
export function houseNumbersInWalkingOrder(addresses: readonly Address[]): string[] {
  return walkingOrder(addresses).map(formatHouseNumber);
}
