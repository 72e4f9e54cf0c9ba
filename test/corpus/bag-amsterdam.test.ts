import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AddressIndex } from '../../functions/adapters/bag-file/address-index.js';
import { importAddressFile, parseAddressCsv } from '../../functions/adapters/bag-file/parse-address-csv.js';
import { rdToWgs84 } from '../../functions/adapters/bag-file/rd.js';
import { geodesicDistance } from '../../functions/core/letters/geo.js';
import { findStreetsAround } from '../../functions/core/letters/selection.js';
import { required } from '../fixtures/required.js';

const testdata = new URL('../../../shared/testdata/', import.meta.url);
const folder = new URL('bag/nlextract-test/', testdata);
const present = required(existsSync(folder), `The BAG corpus ${folder.pathname}`);
const file = (name: string) => new URL(name, folder).pathname;

describe.runIf(present)('NLExtract Amsterdam 1011 sample', () => {
  it('reads every row of the three layouts without errors', async () => {
    for (const name of [
      'amsterdam-1011_bagadres-full.csv',
      'amsterdam-1011_bagadres.csv',
      'amsterdam-1011_bagadresplus.csv',
    ]) {
      const result = await importAddressFile(file(name));
      expect(result.errorCount, name).toBe(0);
      expect(result.addresses.length, name).toBe(result.rows);
      expect(result.rows, name).toBe(readFileSync(file(name), 'utf8').trimEnd().split('\n').length - 1);
    }
  });

  it('keeps mixed use and houseboats residential and drops offices and shops', async () => {
    // Act
    const { addresses } = await importAddressFile(file('amsterdam-1011_bagadres-full.csv'));
    // Assess
    const mixed = addresses.filter((a) => a.purposes.length > 1 && a.purposes.includes('woonfunctie'));
    const withoutPurpose = addresses.filter((a) => a.purposes.length === 0);
    const nonResidential = addresses.filter(
      (a) => a.purposes.length > 0 && !a.purposes.includes('woonfunctie'),
    );
    expect(mixed.length).toBeGreaterThan(0);
    expect(mixed.every((a) => a.residential)).toBe(true);
    expect(withoutPurpose.length).toBeGreaterThan(0);
    expect(withoutPurpose.every((a) => a.residential)).toBe(true);
    expect(nonResidential.some((a) => a.purposes.includes('kantoorfunctie'))).toBe(true);
    expect(nonResidential.every((a) => !a.residential)).toBe(true);
  });

  it('agrees between the purpose text column and the one-hot columns of bagadresplus', async () => {
    const full = await importAddressFile(file('amsterdam-1011_bagadres-full.csv'));
    const plus = await importAddressFile(file('amsterdam-1011_bagadresplus.csv'));
    const key = (a: { postcode: string; houseNumber: number; letter: string; addition: string }) =>
      `${a.postcode}-${a.houseNumber}${a.letter}-${a.addition}`;
    const residentialPlus = new Map(plus.addresses.map((a) => [key(a), a.residential]));
    for (const a of full.addresses) expect(residentialPlus.get(key(a)), key(a)).toBe(a.residential);
  });

  it('converts RD x/y to within 1 m of the given WGS84 lon/lat', () => {
    // Prepare
    const lines = readFileSync(file('amsterdam-1011_bagadres-full.csv'), 'utf8').trimEnd().split('\n');
    const header = lines[0]?.split(';') ?? [];
    const col = (name: string) => header.indexOf(name);
    let worst = 0;
    // Act
    for (const line of lines.slice(1)) {
      const f = line.split(';');
      const rd = rdToWgs84(Number(f[col('x')]), Number(f[col('y')]));
      worst = Math.max(
        worst,
        geodesicDistance(rd, { lat: Number(f[col('lat')]), lon: Number(f[col('lon')]) }),
      );
    }
    // Assess
    expect(worst).toBeLessThan(1);
  });

  it('imports RD-only rows to the same place as the given lon/lat', async () => {
    // Prepare: the same file with its lon/lat columns renamed away, so only RD x/y is used.
    const text = readFileSync(file('amsterdam-1011_bagadres-full.csv'), 'utf8').replace(
      ';lon;lat;',
      ';lon_orig;lat_orig;',
    );
    // Act
    const rdOnly = await parseAddressCsv(text);
    const original = await importAddressFile(file('amsterdam-1011_bagadres-full.csv'));
    // Assess
    rdOnly.addresses.forEach((a, i) => {
      const b = original.addresses[i];
      expect(b && geodesicDistance(a, b)).toBeLessThan(1);
    });
  });

  it('selects the residential streets around Prins Hendrikkade', async () => {
    // Prepare
    const { addresses } = await importAddressFile(file('amsterdam-1011_bagadres-full.csv'));
    const index = new AddressIndex(addresses);
    const centre = addresses[0] ?? { lat: 52.3778, lon: 4.9052 };
    // Act
    const all = await findStreetsAround(index, { points: [centre], radiusM: 150, residentialOnly: false });
    const residential = await findStreetsAround(index, {
      points: [centre],
      radiusM: 150,
      residentialOnly: true,
    });
    // Assess
    expect(residential.selection.within_radius).toBeLessThan(all.selection.within_radius);
    expect(residential.selection.within_radius).toBe(all.withinRadius.filter((a) => a.residential).length);
  });
});
