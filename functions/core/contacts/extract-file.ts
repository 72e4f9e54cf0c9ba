import { type DomainError, isDomainError } from '../errors.js';
import { splitCandidates } from './candidates.js';
import { ContactLimitError, UnreadableContactFileError } from './contacts.errors.js';
import {
  type ContactProblem,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_ROWS,
  type FileFormat,
  PhoneTypeSchema,
} from './contacts.schema.js';
import { oneLineCsvError, readCsv } from './csv.js';
import { sniffContactFile } from './decode.js';
import { type ContactFile, type FileExtraction, formatCount } from './extraction.js';
import type { Normaliser } from './normalise.js';
import type { ExtractSink, WorkbookReader } from './sink.js';
import { readVcard } from './vcard.js';
import { assertSafeWorkbook } from './xlsx-guard.js';

export { type ContactFile, type FileExtraction, formatCount, typeAt } from './extraction.js';

export interface ExtractOptions {
  maxFileBytes?: number;
  maxRows?: number;
  /** Called with the number of records read since the last call. */
  onRecords?: (records: number) => void;
  /** false reads CSV with csv-parse only (see `readCsv`); for proving that both readers agree. */
  ownCsvReader?: boolean;
  /** Reads XLSX workbooks (exceljs in the adapters); without it a workbook is an unreadable file. */
  workbooks?: WorkbookReader;
}

/** Problems listed per file; more are counted in `problems_omitted`, so a garbage file stays readable. */
export const MAX_PROBLEMS_PER_FILE = 200;
const PROGRESS_EVERY = 5_000;
const TYPE_INDEX = new Map(PhoneTypeSchema.options.map((type, i) => [type, i]));

/**
 * Reads one file into numbers: sniff and decode, parse the format, split cells into raw strings, normalise
 * each with the shared normaliser, dedupe within the file. A file that cannot be read at all becomes a
 * file-level problem instead of an exception, so the other files of an upload still count.
 */
export async function extractContactFile(
  file: ContactFile,
  normaliser: Normaliser,
  options: ExtractOptions = {},
): Promise<FileExtraction> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const problems: ContactProblem[] = [];
  let omitted = 0;
  let records = 0;
  let sinceProgress = 0;
  let found = 0;
  let valid = 0;
  let invalid = 0;
  const index = new Map<string, number>();
  const e164s: string[] = [];
  const types: number[] = [];
  const countries: string[] = [];
  let format: FileFormat = 'unreadable';

  const addProblem = (line: number | null, reason: string, sheet?: string): void => {
    if (problems.length >= MAX_PROBLEMS_PER_FILE) {
      omitted++;
      return;
    }
    problems.push(sheet === undefined ? { line, reason } : { line, sheet, reason });
  };

  const sink: ExtractSink = {
    record() {
      records++;
      if (records > maxRows) {
        throw new ContactLimitError('file exceeds row limit', {
          userMessage: `Het bestand heeft meer dan ${formatCount(maxRows)} rijen of kaarten; het is niet verwerkt.`,
          context: { maxRows },
        });
      }
      if (++sinceProgress >= PROGRESS_EVERY) {
        options.onRecords?.(sinceProgress);
        sinceProgress = 0;
      }
    },
    number(raw, line, sheet) {
      found++;
      const result = normaliser.normalise(raw);
      if (!result.valid) {
        invalid++;
        addProblem(line, result.reason, sheet);
        return;
      }
      valid++;
      if (index.has(result.e164)) return;
      index.set(result.e164, e164s.length);
      e164s.push(result.e164);
      types.push(TYPE_INDEX.get(result.type)!);
      countries.push(result.country);
    },
    problem: addProblem,
  };

  const unreadable = (error: DomainError): FileExtraction => {
    options.onRecords?.(sinceProgress);
    return {
      report: {
        file: file.name,
        source: file.source,
        format,
        records: 0,
        numbers: 0,
        problems: [{ line: null, reason: error.userMessage }],
        problems_omitted: 0,
      },
      found: 0,
      valid: 0,
      invalid: 0,
      e164s: '',
      types: new Uint8Array(0),
      countries: '',
      unreadable: true,
    };
  };

  try {
    if (file.bytes.length > maxFileBytes) {
      throw new ContactLimitError('file exceeds size limit', {
        userMessage: `Het bestand is groter dan ${formatMegabytes(maxFileBytes)}; het is niet verwerkt.`,
        context: { maxFileBytes, bytes: file.bytes.length },
      });
    }
    // Text that is no vCard is read as CSV; one without any line break is refused before it is decoded.
    const oneLine = startsLikeVcardOrZip(file.bytes) ? undefined : oneLineCsvError(file.bytes);
    if (oneLine) {
      format = 'csv';
      throw oneLine;
    }
    const sniffed = sniffContactFile(file.bytes);
    if (sniffed.kind === 'xlsx') {
      format = 'xlsx';
      await readWorkbook(file.bytes, sink, options.workbooks);
    } else if (/^\s*BEGIN\s*:\s*VCARD/i.test(sniffed.text.slice(0, 4096).replace(/^\uFEFF/, ''))) {
      format = 'vcard';
      readVcard(sniffed.text, {
        card: sink.record,
        tel(value, line) {
          const before = found;
          splitTel(value, line, sink);
          if (found === before && value.trim() !== '') {
            addProblem(
              line,
              /\d/.test(value)
                ? 'TEL-veld met te weinig cijfers voor een telefoonnummer.'
                : 'TEL-veld zonder telefoonnummer.',
            );
          }
        },
        problem: addProblem,
      });
    } else {
      format = 'csv';
      readCsv(sniffed.text, sink, { ownReader: options.ownCsvReader });
    }
  } catch (error) {
    if (isDomainError(error)) return unreadable(error);
    if (format === 'xlsx') {
      return unreadable(
        new UnreadableContactFileError('unreadable workbook', {
          userMessage: 'Het XLSX-bestand is beschadigd of onvolledig en kon niet worden gelezen.',
          cause: error,
        }),
      );
    }
    throw error;
  }
  options.onRecords?.(sinceProgress);
  return {
    report: {
      file: file.name,
      source: file.source,
      format,
      records,
      numbers: found,
      problems,
      problems_omitted: omitted,
    },
    found,
    valid,
    invalid,
    ...sortedNumbers(e164s, types, countries, index),
    unreadable: false,
  };
}

/**
 * The distinct numbers of a file in E.164 order, so that combining the files of an upload is a merge of
 * sorted lists rather than a sort of all of them on the thread that waits for the result.
 */
function sortedNumbers(
  e164s: string[],
  types: number[],
  countries: string[],
  index: Map<string, number>,
): Pick<FileExtraction, 'e164s' | 'types' | 'countries'> {
  const order = numericOrder(e164s) ?? stringOrder(e164s, index);
  const sorted = new Array<string>(order.length);
  const sortedTypes = new Uint8Array(order.length);
  const sortedCountries = new Array<string>(order.length);
  for (let i = 0; i < order.length; i++) {
    const at = order[i]!;
    sorted[i] = e164s[at]!;
    sortedTypes[i] = types[at]!;
    sortedCountries[i] = countries[at]!;
  }
  return { e164s: sorted.join('\n'), types: sortedTypes, countries: sortedCountries.join('\n') };
}

const E164_DIGITS = /^\+\d{1,15}$/;
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * The E.164 order of the numbers as positions, from a numeric sort: "+<digits>" padded with zeros to 15
 * digits is an exact double whose order is the text order, and a typed array sorts those many times faster
 * than strings. Two numbers that pad to the same value (one is the other plus zeros) leave it to the text.
 */
function numericOrder(e164s: readonly string[]): ArrayLike<number> | undefined {
  const keys = new Float64Array(e164s.length);
  const positions = new Map<number, number>();
  for (let i = 0; i < e164s.length; i++) {
    const e164 = e164s[i]!;
    if (!E164_DIGITS.test(e164)) return undefined;
    const key = Number(e164.slice(1)) * POWERS_OF_TEN[16 - e164.length]!;
    if (positions.has(key)) return undefined;
    positions.set(key, i);
    keys[i] = key;
  }
  keys.sort();
  return Array.from(keys, (key) => positions.get(key)!);
}

function stringOrder(e164s: readonly string[], index: Map<string, number>): number[] {
  return e164s
    .slice()
    .sort()
    .map((e164) => index.get(e164)!);
}

/** Every reader gets only workbooks that passed the guard: zip bombs, DTDs and entities are refused first. */
async function readWorkbook(
  bytes: Uint8Array,
  sink: ExtractSink,
  reader: WorkbookReader | undefined,
): Promise<void> {
  await assertSafeWorkbook(bytes);
  if (!reader) {
    throw new UnreadableContactFileError('no workbook reader', {
      userMessage: 'XLSX-bestanden kunnen hier niet worden gelezen; lever de contacten aan als vCard of CSV.',
    });
  }
  await reader(bytes, sink);
}

function splitTel(value: string, line: number, sink: ExtractSink): void {
  for (const raw of splitCandidates(value, 'field')) sink.number(raw, line);
}

function formatMegabytes(bytes: number): string {
  return `${formatCount(Math.round(bytes / (1024 * 1024)))} MB`;
}

/** A vCard (whose lines the vCard reader judges) or a ZIP (an XLSX): not for the CSV line-break check. */
function startsLikeVcardOrZip(bytes: Uint8Array): boolean {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return true;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096))
    .toString('latin1')
    .replace(/\0/g, '');
  return /^(\uFEFF|\u00EF\u00BB\u00BF|\u00FF\u00FE|\u00FE\u00FF)?\s*BEGIN\s*:\s*VCARD/i.test(head);
}
