import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressFileError } from '../../../functions/adapters/bag-file/bag-file.errors.js';
import {
  importAddressFile,
  parseAddressCsv,
} from '../../../functions/adapters/bag-file/parse-address-csv.js';
import { rdToWgs84, wgs84ToRd } from '../../../functions/adapters/bag-file/rd.js';
import { geodesicDistance } from '../../../functions/core/letters/geo.js';

const fixture = (name: string) => new URL(`../../fixtures/letters/${name}`, import.meta.url);

describe('parseAddressCsv', () => {
  it('reads the NLExtract bagadres layout with usage purposes, mixed use and a houseboat', async () => {
    // Act
    const result = await importAddressFile(fixture('bagadres-sample.csv').pathname);
    // Assess
    expect(result.format).toBe('nlextract-bagadres');
    expect(result.errorCount).toBe(0);
    expect(result.addresses.map((a) => [a.houseNumber, a.letter, a.addition, a.residential])).toEqual([
      [1, '', '', true],
      [2, '', '', false],
      [3, 'A', '', true],
      [3, 'A', '1', false],
      [10, '', '', true],
    ]);
    expect(result.addresses[2]?.purposes).toEqual(['woonfunctie', 'winkelfunctie']);
    expect(result.addresses[4]?.purposes).toEqual([]);
    expect(result.addresses[0]?.id).toBe('9999200000000001');
  });

  it('reads any CSV with a header and RD x/y, converting to WGS84', async () => {
    // Act
    const result = await parseAddressCsv(readFileSync(fixture('generic-rd.csv'), 'utf8'));
    // Assess
    expect(result.format).toBe('csv');
    expect(result.errorCount).toBe(0);
    const origin = result.addresses[0];
    // Amersfoort, the RD origin, lies at 52.155174 N, 5.387206 E in WGS84.
    expect(geodesicDistance(origin ?? { lat: 0, lon: 0 }, { lat: 52.155174, lon: 5.387206 })).toBeLessThan(1);
    expect(result.addresses[2]).toMatchObject({
      street: 'Lange Proefweg, zijde noord',
      letter: 'b',
      addition: '2',
      postcode: '0001AD',
      purposes: ['woonfunctie', 'kantoorfunctie'],
      residential: true,
    });
    expect(result.addresses[1]?.postcode).toBe('0001AA');
  });

  it('reads tab-separated lat/lon with decimal commas', async () => {
    const result = await parseAddressCsv(readFileSync(fixture('generic-latlon.tsv')));
    expect(result.addresses[0]).toMatchObject({
      street: 'Oefenstraat',
      houseNumber: 9,
      lat: 52.1552,
      lon: 5.388,
    });
  });

  it('reports broken rows by line and reason and imports the rest', async () => {
    // Act
    const result = await parseAddressCsv(readFileSync(fixture('broken.csv'), 'utf8'));
    // Assess
    expect(result.addresses.map((a) => a.houseNumber)).toEqual([1, 9]);
    expect(result.errors.map((e) => [e.line, e.column ?? null])).toEqual([
      [3, 'straat'],
      [4, 'huisnummer'],
      [5, 'lat/lon'],
      [6, 'huisletter'],
      [7, 'postcode'],
      [8, 'woonplaats'],
      [9, 'lat/lon'],
      [10, null],
    ]);
    expect(result.errors[2]?.reason).toBe('Coördinaten liggen buiten Nederland.');
    for (const error of result.errors) expect(error.reason).not.toContain('Oefenstraat');
  });

  it('refuses a file without coordinates, naming the missing columns', async () => {
    const attempt = parseAddressCsv(readFileSync(fixture('no-coordinates.csv'), 'utf8'));
    await expect(attempt).rejects.toBeInstanceOf(AddressFileError);
    await expect(attempt).rejects.toMatchObject({ userMessage: expect.stringContaining('lat/lon of x/y') });
  });

  it('reports non-UTF-8 text as a row error', async () => {
    const latin1 = Buffer.from(
      'straat;huisnummer;woonplaats;lat;lon\nK\xe9rkstraat;1;Proefdorp;52.1;5.1\n',
      'latin1',
    );
    const result = await parseAddressCsv(latin1);
    expect(result.errors[0]?.reason).toContain('UTF-8');
  });

  it('round-trips any valid address row', async () => {
    const row = fc.record({
      street: fc.stringMatching(/^[A-Z][a-z]{2,12}(straat|weg|laan)$/),
      houseNumber: fc.integer({ min: 1, max: 99_999 }),
      letter: fc.constantFrom('', 'A', 'b'),
      addition: fc.stringMatching(/^[A-Z0-9]{0,4}$/),
      lat: fc.double({ min: 51, max: 53, noNaN: true }),
      lon: fc.double({ min: 4, max: 7, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
        const csv = [
          'straat;huisnummer;huisletter;toevoeging;woonplaats;lat;lon',
          ...rows.map(
            (r, i) => `${r.street};${r.houseNumber};${r.letter};${r.addition};Plaats${i};${r.lat};${r.lon}`,
          ),
        ].join('\n');
        const result = await parseAddressCsv(csv);
        expect(result.errorCount).toBe(0);
        expect(
          result.addresses.map((a) => [a.street, a.houseNumber, a.letter, a.addition, a.lat, a.lon]),
        ).toEqual(rows.map((r) => [r.street, r.houseNumber, r.letter, r.addition, r.lat, r.lon]));
      }),
      { numRuns: 50 },
    );
  });
});

describe('RD conversion', () => {
  it('round-trips WGS84 → RD → WGS84 within a millimetre', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50.8, max: 53.5, noNaN: true }),
        fc.double({ min: 3.4, max: 7.2, noNaN: true }),
        (lat, lon) => {
          const { x, y } = wgs84ToRd({ lat, lon });
          expect(geodesicDistance(rdToWgs84(x, y), { lat, lon })).toBeLessThan(0.001);
        },
      ),
    );
  });
});
