import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { type Address, AddressSchema, isResidentialPurposes } from '../../core/letters/address.schema.js';
import { isInNetherlands } from '../../core/letters/geo.js';
import { AddressFileError, type AddressRowError } from './bag-file.errors.js';
import { isPlausibleRd, rdToWgs84 } from './rd.js';

type Column =
  | 'street'
  | 'houseNumber'
  | 'letter'
  | 'addition'
  | 'postcode'
  | 'city'
  | 'lat'
  | 'lon'
  | 'x'
  | 'y'
  | 'purposes'
  | 'id'
  | 'objectType';

/** Header names per column, normalised (lower case, letters and digits only). First match wins. */
const SYNONYMS: Record<Column, string[]> = {
  street: ['openbareruimte', 'openbareruimtenaam', 'straat', 'straatnaam', 'street', 'streetname'],
  houseNumber: ['huisnummer', 'huisnr', 'nummer', 'housenumber', 'number'],
  letter: ['huisletter', 'letter'],
  addition: ['huisnummertoevoeging', 'toevoeging', 'addition', 'suffix'],
  postcode: ['postcode', 'zip', 'zipcode', 'postalcode'],
  city: ['woonplaats', 'woonplaatsnaam', 'plaats', 'city', 'town'],
  lat: ['lat', 'latitude', 'breedtegraad'],
  lon: ['lon', 'lng', 'long', 'longitude', 'lengtegraad'],
  x: ['x', 'rdx', 'xrd', 'xcoordinaat'],
  y: ['y', 'rdy', 'yrd', 'ycoordinaat'],
  purposes: ['verblijfsobjectgebruiksdoel', 'gebruiksdoel', 'gebruiksdoelen', 'purposes', 'purpose'],
  id: ['nummeraanduiding', 'nummeraanduidingid', 'adresid', 'id'],
  objectType: ['objecttype', 'typeadresseerbaarobject'],
};

/** The one-hot purpose columns of NLExtract's `bagadresplus` layout. */
const PURPOSE_COLUMNS = [
  'woonfunctie',
  'bijeenkomstfunctie',
  'celfunctie',
  'gezondheidszorgfunctie',
  'industriefunctie',
  'kantoorfunctie',
  'logiesfunctie',
  'onderwijsfunctie',
  'sportfunctie',
  'winkelfunctie',
  'overige_gebruiksfunctie',
];

export type AddressFileFormat = 'nlextract-bagadres' | 'csv';

export interface AddressImportResult {
  format: AddressFileFormat;
  addresses: Address[];
  /** Data rows read (excluding the header). */
  rows: number;
  /** The first `maxErrors` row errors. */
  errors: AddressRowError[];
  /** All row errors, also those beyond `maxErrors`. */
  errorCount: number;
}

export interface AddressImportOptions {
  maxErrors?: number;
  /** Called every few thousand rows, for a progress bar. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
}

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The delimiter a header line uses: the most frequent of `;`, `,` and tab. */
export function detectDelimiter(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ';';
}

interface Mapping {
  columns: Partial<Record<Column, number>>;
  purposeColumns: { name: string; index: number }[];
  format: AddressFileFormat;
  headers: string[];
}

function mapHeader(headers: string[]): Mapping {
  const normalised = headers.map(normalise);
  const columns: Partial<Record<Column, number>> = {};
  for (const [column, names] of Object.entries(SYNONYMS) as [Column, string[]][]) {
    for (const name of names) {
      const index = normalised.indexOf(name);
      if (index >= 0) {
        columns[column] = index;
        break;
      }
    }
  }
  const purposeColumns = PURPOSE_COLUMNS.map((name) => ({
    name,
    index: normalised.indexOf(normalise(name)),
  })).filter((c) => c.index >= 0);
  const missing: string[] = [];
  if (columns.street === undefined) missing.push('straat');
  if (columns.houseNumber === undefined) missing.push('huisnummer');
  if (columns.city === undefined) missing.push('woonplaats');
  const hasLatLon = columns.lat !== undefined && columns.lon !== undefined;
  const hasRd = columns.x !== undefined && columns.y !== undefined;
  if (!hasLatLon && !hasRd) missing.push('lat/lon of x/y');
  if (missing.length > 0) {
    throw new AddressFileError('Address file lacks required columns', {
      userMessage: `Het adresbestand mist de kolom(men): ${missing.join(', ')}.`,
      context: { missing: missing.join(',') },
    });
  }
  const format: AddressFileFormat =
    normalised[0] === 'openbareruimte' && normalised.includes('huisnummertoevoeging')
      ? 'nlextract-bagadres'
      : 'csv';
  return { columns, purposeColumns, format, headers };
}

function number(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return Number.NaN;
  return Number(trimmed.includes('.') ? trimmed : trimmed.replace(',', '.'));
}

type RowOutcome = { address: Address } | { error: Omit<AddressRowError, 'line'> };

function rowToAddress(record: string[], mapping: Mapping): RowOutcome {
  const get = (column: Column) => {
    const index = mapping.columns[column];
    return index === undefined ? '' : (record[index] ?? '').trim();
  };
  if (record.some((field) => field.includes('\uFFFD'))) {
    return { error: { reason: 'Ongeldige tekens: het bestand is geen UTF-8.' } };
  }
  const street = get('street');
  if (!street) return { error: { column: 'straat', reason: 'Straatnaam ontbreekt.' } };
  const city = get('city');
  if (!city) return { error: { column: 'woonplaats', reason: 'Woonplaats ontbreekt.' } };
  const houseNumber = Number(get('houseNumber'));
  if (!Number.isInteger(houseNumber) || houseNumber < 1 || houseNumber > 99_999) {
    return { error: { column: 'huisnummer', reason: 'Huisnummer is geen geheel getal van 1 tot 99999.' } };
  }
  const letter = get('letter');
  if (!/^[A-Za-z]?$/.test(letter))
    return { error: { column: 'huisletter', reason: 'Huisletter is niet één letter.' } };
  const addition = get('addition');
  if (!/^[A-Za-z0-9]{0,4}$/.test(addition)) {
    return { error: { column: 'toevoeging', reason: 'Toevoeging heeft meer dan 4 letters of cijfers.' } };
  }
  const postcode = get('postcode').replace(/\s+/g, '').toUpperCase();
  if (!/^(\d{4}[A-Z]{2})?$/.test(postcode))
    return { error: { column: 'postcode', reason: 'Postcode is ongeldig.' } };

  let lat = Number.NaN;
  let lon = Number.NaN;
  if (mapping.columns.lat !== undefined && mapping.columns.lon !== undefined) {
    lat = number(get('lat'));
    lon = number(get('lon'));
  }
  if ((!Number.isFinite(lat) || !Number.isFinite(lon)) && mapping.columns.x !== undefined) {
    const x = number(get('x'));
    const y = number(get('y'));
    if (!Number.isFinite(x) || !Number.isFinite(y) || !isPlausibleRd(x, y)) {
      return { error: { column: 'x/y', reason: 'RD-coördinaten ontbreken of liggen buiten Nederland.' } };
    }
    ({ lat, lon } = rdToWgs84(x, y));
  }
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
    return { error: { column: 'lat/lon', reason: 'Coördinaten ontbreken of zijn geen getal.' } };
  }
  if (!isInNetherlands({ lat, lon })) {
    return { error: { column: 'lat/lon', reason: 'Coördinaten liggen buiten Nederland.' } };
  }

  let purposes: string[];
  const objectType = get('objectType').toLowerCase();
  if (
    objectType === 'lig' ||
    objectType === 'sta' ||
    objectType === 'ligplaats' ||
    objectType === 'standplaats'
  ) {
    purposes = [];
  } else if (mapping.columns.purposes !== undefined) {
    purposes = get('purposes')
      .split(/[,|]/)
      .map((p) => p.trim().toLowerCase())
      .filter((p) => p.length > 0);
  } else {
    purposes = mapping.purposeColumns
      .filter((c) => (record[c.index] ?? '').trim() === '1')
      .map((c) => c.name);
  }
  const id = get('id') || `${postcode || city}-${houseNumber}${letter}${addition ? `-${addition}` : ''}`;
  const parsed = AddressSchema.safeParse({
    id,
    street,
    houseNumber,
    letter,
    addition,
    postcode,
    city,
    lat,
    lon,
    purposes,
    residential: isResidentialPurposes(purposes),
  });
  if (!parsed.success) return { error: { reason: 'Adres voldoet niet aan het verwachte formaat.' } };
  return { address: parsed.data };
}

/**
 * Reads an address CSV: the NLExtract `bagadres` layout or any CSV whose header names street, house number,
 * (letter, addition, postcode,) city and lat/lon or RD x/y. Streams, so a national extract fits in memory
 * as addresses only. Bad rows become row errors and are skipped; a duplicate address keeps the first row.
 */
export async function parseAddressCsv(
  input: string | Uint8Array | Readable,
  options: AddressImportOptions = {},
): Promise<AddressImportResult> {
  const maxErrors = options.maxErrors ?? 1000;
  let stream: Readable;
  let delimiter: string;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
    delimiter = detectDelimiter(text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '');
    stream = Readable.from([text]);
  } else {
    const first = await firstLine(input);
    delimiter = detectDelimiter(first.line);
    stream = first.rest;
  }
  const parser = stream.pipe(
    parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  const addresses: Address[] = [];
  const seen = new Set<string>();
  const errors: AddressRowError[] = [];
  let errorCount = 0;
  let mapping: Mapping | null = null;
  let rows = 0;
  const addError = (error: AddressRowError) => {
    errorCount += 1;
    if (errors.length < maxErrors) errors.push(error);
  };
  for await (const item of parser as AsyncIterable<{
    record: string[];
    info: { lines: number; bytes: number };
  }>) {
    if (!mapping) {
      mapping = mapHeader(item.record);
      continue;
    }
    rows += 1;
    const outcome = rowToAddress(item.record, mapping);
    if ('error' in outcome) {
      addError({ line: item.info.lines, ...outcome.error });
    } else if (seen.has(outcome.address.id)) {
      addError({ line: item.info.lines, reason: 'Dit adres staat al eerder in het bestand.' });
    } else {
      seen.add(outcome.address.id);
      addresses.push(outcome.address);
    }
    if (options.onProgress && rows % 5000 === 0) options.onProgress({ rows, bytes: item.info.bytes });
  }
  if (!mapping) {
    throw new AddressFileError('Address file is empty', { userMessage: 'Het adresbestand is leeg.' });
  }
  return { format: mapping.format, addresses, rows, errors, errorCount };
}

async function firstLine(input: Readable): Promise<{ line: string; rest: Readable }> {
  const chunks: Buffer[] = [];
  const iterator = input[Symbol.asyncIterator]();
  let text = '';
  while (!/\r?\n/.test(text)) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
    chunks.push(chunk);
    text = Buffer.concat(chunks).toString('utf8');
    if (text.length > 1_000_000) break;
  }
  async function* rest() {
    yield* chunks;
    while (true) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  }
  return { line: text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '', rest: Readable.from(rest()) };
}

/** Reads an address file from disk with byte-based progress, for `perspectief bag import`. */
export async function importAddressFile(
  path: string,
  options: {
    maxErrors?: number;
    onProgress?: (progress: { rows: number; bytes: number; totalBytes: number }) => void;
  } = {},
): Promise<AddressImportResult> {
  const { size } = await stat(path);
  const { onProgress } = options;
  return parseAddressCsv(createReadStream(path, { highWaterMark: 1 << 20 }), {
    maxErrors: options.maxErrors ?? 1000,
    onProgress: onProgress ? (p) => onProgress({ ...p, totalBytes: size }) : undefined,
  });
}
