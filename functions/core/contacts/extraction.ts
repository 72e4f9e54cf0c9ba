/**
 * What reading one contact file produces, apart from the readers themselves: the web function stores and
 * combines extractions without ever loading the vCard, CSV and XLSX readers (they run in the ingest function).
 */
import { type FileReport, type PhoneType, PhoneTypeSchema } from './contacts.schema.js';

/** One uploaded file: its name, its bytes and the phone it came from. */
export interface ContactFile {
  name: string;
  bytes: Uint8Array;
  /** The phone label, e.g. "telefoon 1". */
  source: string;
}

/**
 * What one file contributed: its report, the funnel counts and its distinct valid numbers (parallel arrays,
 * cheap to pass between threads). Numbers and counts only, nothing else from the file.
 */
export interface FileExtraction {
  report: FileReport;
  /** Raw number strings found, valid ones among them (with repeats), invalid ones. */
  found: number;
  valid: number;
  invalid: number;
  /**
   * The distinct valid numbers, joined by "\n": one string crosses threads far cheaper than many.
   * `extractContactFile` writes them in E.164 order; `ContactsAccumulator` accepts any order.
   */
  e164s: string;
  /** Index into PhoneTypeSchema.options per number. */
  types: Uint8Array;
  /** The country per number, joined by "\n". */
  countries: string;
  /** True when the file could not be read at all (its problems say why). */
  unreadable: boolean;
}

/** The type of entry `i` of an extraction. */
export function typeAt(extraction: FileExtraction, i: number): PhoneType {
  return PhoneTypeSchema.options[extraction.types[i]!]!;
}

export function formatCount(n: number): string {
  return n.toLocaleString('nl-NL');
}

/**
 * The extraction of a file that could not be read at all: one file-level problem, nothing counted. Used where
 * a file is refused outside the reader itself (a worker's time or memory budget ran out).
 */
export function unreadableExtraction(file: ContactFile, reason: string): FileExtraction {
  return {
    report: {
      file: file.name,
      source: file.source,
      format: 'unreadable',
      records: 0,
      numbers: 0,
      problems: [{ line: null, reason }],
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
}
