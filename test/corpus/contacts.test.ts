import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_DIGITS, splitCandidates } from '../../functions/core/contacts/candidates.js';
import { readCsv } from '../../functions/core/contacts/csv.js';
import { decodeText } from '../../functions/core/contacts/decode.js';
import {
  analyseContactFiles,
  combineExtractions,
  extractContactFile,
  Normaliser,
  numberKey,
} from '../../functions/core/contacts/index.js';
import { readVcard } from '../../functions/core/contacts/vcard.js';
import { required } from '../fixtures/required.js';

const TESTDATA = new URL('../../../shared/testdata/', import.meta.url);
const present = required(existsSync(TESTDATA), `The contacts corpus ${TESTDATA.pathname}`);

function walk(dir: URL): URL[] {
  return readdirSync(dir).flatMap((name) => {
    const url = new URL(name, dir);
    return statSync(url).isDirectory() ? walk(new URL(`${name}/`, dir)) : [url];
  });
}

function text(url: URL): string {
  return decodeText(readFileSync(url)).text;
}

/** Every TEL value's number strings in a vCard text, as comparable keys, sorted. */
function vcardKeys(vcard: string): string[] {
  const keys: string[] = [];
  readVcard(vcard, {
    card: () => {},
    problem: () => {},
    tel: (value) => keys.push(...splitCandidates(value).map(numberKey)),
  });
  return keys.sort();
}

/** Every number string our CSV reader finds, as comparable keys, sorted. */
function csvKeys(csv: string): string[] {
  const keys: string[] = [];
  readCsv(csv, { record: () => {}, problem: () => {}, number: (raw) => keys.push(numberKey(raw)) });
  return keys.sort();
}

function digits(value: string): number {
  return value.replace(/\D/g, '').length;
}

describe.skipIf(!present)('contacts corpus (../shared/testdata)', () => {
  const files = present ? walk(TESTDATA).filter((url) => /\.(vcf|csv|ref|2_1ref)$/.test(url.pathname)) : [];

  it('gives the same analysis of every real-world file on the fast path as on the plain path', async () => {
    // Prepare: the plain path reads CSV with csv-parse and classifies every number with libphonenumber-js.
    const uploads = files.map((url, i) => ({
      name: url.pathname,
      bytes: readFileSync(url),
      source: `t${i % 4}`,
    }));
    const plain = new Normaliser('NL', 100_000, { fastPath: false });

    // Act
    const fast = await analyseContactFiles(uploads, { allowCountries: 'ALL' });
    const extractions = [];
    for (const upload of uploads)
      extractions.push(await extractContactFile(upload, plain, { ownCsvReader: false }));
    const reference = combineExtractions(extractions, { allowCountries: 'ALL' });

    // Assess
    expect(fast.unique).toBeGreaterThan(20);
    expect(fast).toEqual(reference);
  });

  it('processes every vCard and CSV file without a crash, each with a report', async () => {
    expect(files.length).toBeGreaterThan(100);
    for (const url of files) {
      const analysis = await analyseContactFiles(
        [{ name: url.pathname, bytes: readFileSync(url), source: 'corpus' }],
        { allowCountries: 'ALL' },
      );
      const [report] = analysis.files;
      expect(report, url.pathname).toBeDefined();
      expect(analysis.numbers_found, url.pathname).toBe(analysis.valid + analysis.excluded.invalid);
      if (/\.(vcf|ref|2_1ref)$/.test(url.pathname) && /BEGIN:VCARD/i.test(text(url))) {
        expect(report!.format, url.pathname).toBe('vcard');
      }
    }
  });

  it('extracts from the roundcube CSV exports the phone values roundcube puts in its expected vCards', () => {
    const dir = new URL('csv/roundcube-csv2vcard/', TESTDATA);
    const pairs = readdirSync(dir).filter((name) => name.endsWith('.csv'));
    expect(pairs.length).toBeGreaterThan(3);
    for (const name of pairs) {
      const expected = vcardKeys(text(new URL(name.replace(/\.csv$/, '.vcf'), dir)));

      const found = csvKeys(text(new URL(name, dir)));

      expect(found, name).toEqual(expected);
    }
  });

  it('reads vCard 2.1 and 3.0 inputs to the same numbers as KDE’s re-serialised .ref files', () => {
    const dir = new URL('vcard/kde-kcontacts/', TESTDATA);
    const inputs = readdirSync(dir).filter(
      (name) => name.endsWith('.vcf') && existsSync(new URL(`${name}.ref`, dir)),
    );
    expect(inputs.length).toBeGreaterThan(10);
    for (const name of inputs) {
      for (const ref of [`${name}.ref`, `${name}.2_1ref`].filter((r) => existsSync(new URL(r, dir)))) {
        expect(vcardKeys(text(new URL(name, dir))), `${name} vs ${ref}`).toEqual(
          vcardKeys(text(new URL(ref, dir))),
        );
      }
    }
  });

  it('reads the TEL values ical.js expects in its jCard output', () => {
    const dir = new URL('vcard/ical.js/', TESTDATA);
    const inputs = readdirSync(dir).filter((name) => name.endsWith('.vcf'));
    expect(inputs.length).toBeGreaterThan(5);
    for (const name of inputs) {
      const jcard = JSON.parse(
        readFileSync(new URL(name.replace(/\.vcf$/, '.json'), dir), 'utf8'),
      ) as unknown;
      const expected = jcardTels(jcard)
        .flatMap((value) => splitCandidates(value.replace(/^tel:/i, '').split(';')[0]!))
        .filter((value) => digits(value) >= MIN_DIGITS)
        .map(numberKey)
        .sort();

      expect(vcardKeys(text(new URL(name, dir))), name).toEqual(expected);
    }
  });

  it('classifies libphonenumber’s own NL example numbers as their listed type (097 as M2M)', () => {
    const examples = readFileSync(new URL('phone/libphonenumber/metadata/31/examples.csv', TESTDATA), 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split(';').map((cell) => cell.trim().replace(/^"|"$/g, '')));
    expect(examples.length).toBeGreaterThan(5);
    const normaliser = new Normaliser('NL');
    for (const [region, type, national] of examples) {
      expect(region).toBe('NL');

      const result = normaliser.normalise(`0${national}`);

      const expected = national!.startsWith('97') ? 'M2M' : type;
      expect({ national, type: result.type }).toEqual({ national, type: expected });
    }
  });
});

/** The values of every "tel" property in a jCard (or a list of them). */
function jcardTels(jcard: unknown): string[] {
  if (!Array.isArray(jcard)) return [];
  if (jcard[0] === 'tel' && typeof jcard[3] === 'string') return [jcard[3]];
  return jcard.flatMap(jcardTels);
}
