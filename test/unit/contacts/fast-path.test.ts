import fc from 'fast-check';
import { type CountryCode, getCountries, getCountryCallingCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { generateUpload } from '../../../bench/ingest/generate.js';
import { readCsv } from '../../../functions/core/contacts/csv.js';
import {
  analyseContactFiles,
  type ContactFile,
  combineExtractions,
  extractContactFile,
  type FileExtraction,
  Normaliser,
} from '../../../functions/core/contacts/index.js';
import type { ExtractSink } from '../../../functions/core/contacts/sink.js';

const CALLING_CODES = [...new Set(getCountries().map((country) => getCountryCallingCode(country)))];
const REGIONS: CountryCode[] = ['NL', 'BE', 'DE', 'MA', 'TR', 'SR', 'FR', 'US', 'GB', 'AR', 'BR', 'RU'];
const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

function plain(region: CountryCode): Normaliser {
  return new Normaliser(region, 100_000, { fastPath: false });
}

describe('the fast classification', () => {
  it('gives exactly libphonenumber-js’ result for international numbers of every calling code', () => {
    // Prepare
    const fast = new Normaliser('NL');
    const slow = plain('NL');
    const international = fc
      .tuple(fc.constantFrom(...CALLING_CODES), fc.constantFrom('', '0'), digits(1, 14))
      .map(([code, prefix, rest]) => `+${code}${prefix}${rest}`);

    // Act, Assess
    fc.assert(
      fc.property(international, (raw) => {
        expect(fast.normalise(raw)).toEqual(slow.normalise(raw));
      }),
      { numRuns: 4000 },
    );
  });

  it('gives exactly libphonenumber-js’ result for national numbers in several default regions', () => {
    const national = fc
      .tuple(
        fc.constantFrom(...REGIONS),
        fc.constantFrom('', '0', '00', '06', '8', '1', '31', '9'),
        digits(1, 13),
      )
      .map(([region, prefix, rest]) => ({ region, raw: `${prefix}${rest}` }));

    fc.assert(
      fc.property(national, ({ region, raw }) => {
        expect(new Normaliser(region).normalise(raw)).toEqual(plain(region).normalise(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same result for the number shapes of the benchmark, valid or not', () => {
    const raws = generateUpload(3_000, 1, 11).numbers.split('\n');
    const fast = new Normaliser('NL');
    const slow = plain('NL');

    const different = raws.filter(
      (raw) => JSON.stringify(fast.normalise(raw)) !== JSON.stringify(slow.normalise(raw)),
    );

    expect(different).toEqual([]);
  });
});

/** Every call a reader makes, in order, so two readers can be compared call for call. */
function recordingSink(): ExtractSink & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    record: () => calls.push('record'),
    number: (raw, line) => calls.push(`number ${line} ${raw}`),
    problem: (line, reason) => calls.push(`problem ${line} ${reason}`),
  };
}

describe('the own CSV reader', () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'Naam', '06-12345678', '+31 6 1234 5678', 'telefoon', '0201234567', ' ', 'a b'),
    fc.string({ unit: fc.constantFrom('a', '1', '6', '0', ' ', '"', ',', ';', '\t', '\n', '\r', '+', '-') }),
  );
  const quoted = cell.map((text) => `"${text.replaceAll('"', '""')}"`);
  const csvText = fc
    .tuple(
      fc.array(fc.array(fc.oneof(cell, quoted), { minLength: 1, maxLength: 5 }), { maxLength: 12 }),
      fc.constantFrom(',', ';', '\t'),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.boolean(),
    )
    .map(([rows, delimiter, lineBreak, trailing]) => {
      const header = 'Naam,Telefoon\n'.replace(',', delimiter).replace('\n', lineBreak);
      return header + rows.map((row) => row.join(delimiter)).join(lineBreak) + (trailing ? lineBreak : '');
    });

  it('reports the same records, numbers, lines and problems as csv-parse, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(csvText, fc.string()), (text) => {
        // Prepare
        const own = recordingSink();
        const reference = recordingSink();

        // Act
        readCsv(text, own);
        readCsv(text, reference, { ownReader: false });

        // Assess
        expect(own.calls).toEqual(reference.calls);
      }),
      { numRuns: 3000 },
    );
  });
});

/** A simple merge to compare with: every extraction's numbers in a map, sorted at the end. */
function naiveNumbers(extractions: readonly FileExtraction[]): { e164: string; sources: number }[] {
  const sources = new Map<string, Set<string>>();
  for (const extraction of extractions) {
    for (const e164 of extraction.e164s === '' ? [] : extraction.e164s.split('\n')) {
      const seen = sources.get(e164) ?? new Set();
      seen.add(extraction.report.source);
      sources.set(e164, seen);
    }
  }
  return [...sources.keys()].sort().map((e164) => ({ e164, sources: sources.get(e164)!.size }));
}

describe('the numbers of one file', () => {
  it('come out distinct and in E.164 order, also when one number is another followed by zeros', async () => {
    // Prepare: Berlin numbers of three lengths pad to the same 15 digits, so the text order must decide.
    const list = [
      '+49 30 123456700',
      '06-12345678',
      '+49 30 1234567',
      '+32 470 12 34 56',
      '+49 30 12345670',
      '0612345678',
    ];
    const file: ContactFile = {
      name: 'lijst.csv',
      bytes: new TextEncoder().encode(`Telefoon\n${list.join('\n')}\n`),
      source: 'telefoon 1',
    };

    // Act
    const extraction = await extractContactFile(file, new Normaliser('NL'));

    // Assess
    const e164s = extraction.e164s.split('\n');
    expect(e164s).toEqual([...new Set(e164s)].sort());
    expect(e164s).toEqual(
      ['+32470123456', '+31612345678', '+49301234567', '+493012345670', '+4930123456700'].sort(),
    );
  });

  it('come out in E.164 order for random valid numbers', async () => {
    const number = fc
      .tuple(fc.constantFrom('06', '+316', '+4915', '+3247', '020'), digits(7, 9))
      .map(([prefix, rest]) => `${prefix}${rest}`);
    await fc.assert(
      fc.asyncProperty(fc.array(number, { maxLength: 40 }), async (numbers) => {
        const file: ContactFile = {
          name: 'lijst.csv',
          bytes: new TextEncoder().encode(`Telefoon\n${numbers.join('\n')}\n`),
          source: 'telefoon 1',
        };

        const extraction = await extractContactFile(file, new Normaliser('NL'));

        const e164s = extraction.e164s === '' ? [] : extraction.e164s.split('\n');
        expect(e164s).toEqual([...new Set(e164s)].sort());
      }),
      { numRuns: 300 },
    );
  });
});

describe('the fast analysis', () => {
  const upload = generateUpload(4_000, 6, 20_240_917);
  const files: ContactFile[] = upload.files.map((file, i) => ({
    ...file,
    source: `telefoon ${(i % 3) + 1}`,
  }));
  const options = { allowCountries: ['NL', 'BE', 'DE'] };

  it('gives the same analysis as the plain path: libphonenumber for every number and csv-parse for CSV', async () => {
    // Prepare: the plain path reads CSV with csv-parse and classifies with libphonenumber-js only.
    const slow = plain('NL');
    const extractions: FileExtraction[] = [];
    for (const file of files) extractions.push(await extractContactFile(file, slow, { ownCsvReader: false }));

    // Act
    const fast = await analyseContactFiles(files, options);
    const reference = combineExtractions(extractions, options);

    // Assess
    expect(fast).toEqual(reference);
    expect(fast.numbers_found).toBe(4_000);
    expect(fast.excluded.invalid).toBeGreaterThan(0);
    expect(fast.unique).toBeLessThan(fast.valid);
  });

  it('merges to the same numbers and source counts as a plain map, whatever the file order', async () => {
    const normaliser = new Normaliser('NL');
    const extractions: FileExtraction[] = [];
    for (const file of files) extractions.push(await extractContactFile(file, normaliser));
    // Stored extractions may come in any order of numbers; the merge must not depend on it.
    const shuffled = extractions.map((extraction) => reversed(extraction)).reverse();

    const merged = combineExtractions(extractions, options);
    const mergedShuffled = combineExtractions(shuffled, options);

    expect(merged.numbers.map(({ e164, sources }) => ({ e164, sources }))).toEqual(naiveNumbers(extractions));
    expect(mergedShuffled.numbers).toEqual(merged.numbers);
    expect(mergedShuffled.fingerprint).toBe(merged.fingerprint);
  });
});

function reversed(extraction: FileExtraction): FileExtraction {
  const e164s = extraction.e164s === '' ? [] : extraction.e164s.split('\n');
  return {
    ...extraction,
    e164s: [...e164s].reverse().join('\n'),
    types: Uint8Array.from(extraction.types).reverse(),
    countries: extraction.countries.split('\n').reverse().join('\n'),
  };
}
