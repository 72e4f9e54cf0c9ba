import {
  type AnalyseOptions,
  type ByType,
  type ContactsAnalysis,
  DEFAULT_MAX_ROWS,
  DEFAULT_REGION,
  type FileReport,
  PhoneTypeSchema,
  SENDABLE_TYPES,
  type UniqueNumber,
} from './contacts.schema.js';
import { type FileExtraction, formatCount } from './extraction.js';
import { recipientFingerprint } from './fingerprint.js';
import { maskE164 } from './mask.js';

const SAMPLE_SIZE = 5;

/** The distinct numbers of one file, in E.164 order, with the phone (source) they came from. */
interface SortedNumbers {
  e164s: string[];
  types: ArrayLike<number>;
  countries: string[];
  source: number;
}

/**
 * Combines per-file extractions into one analysis, file by file as they arrive (in any order), so combining
 * overlaps with reading when files are read in parallel. Dedupes on E.164 across files, counts on how many
 * phones each number was found, applies the total row limit in upload order, and decides what is sendable.
 * The result does not depend on the order of files or rows, unless the row limit cuts it off.
 * Each file's numbers are kept as a sorted list and all lists are merged once at the end: a merge of
 * sorted lists costs far less than a map entry per number and a sort of the whole set.
 */
export class ContactsAccumulator {
  private readonly extractions: (FileExtraction | undefined)[];
  private readonly lists: (SortedNumbers | undefined)[];
  private readonly sourceIndex = new Map<string, number>();
  private found = 0;
  private valid = 0;
  private invalid = 0;

  constructor(
    fileCount: number,
    private readonly options: Pick<AnalyseOptions, 'region' | 'allowCountries' | 'maxRows'> = {},
  ) {
    this.extractions = new Array(fileCount);
    this.lists = new Array(fileCount);
  }

  /** Adds the extraction of the file at `index` in the upload. */
  add(index: number, extraction: FileExtraction): void {
    this.extractions[index] = extraction;
    this.found += extraction.found;
    this.valid += extraction.valid;
    this.invalid += extraction.invalid;
    let source = this.sourceIndex.get(extraction.report.source);
    if (source === undefined) {
      source = this.sourceIndex.size;
      this.sourceIndex.set(extraction.report.source, source);
    }
    this.lists[index] = sortedNumbers(extraction, source);
  }

  /** The analysis of everything added; every file of the upload must have been added. */
  finish(): ContactsAnalysis {
    const extractions = this.extractions.map((extraction, i) => {
      if (!extraction) throw new Error(`file ${i} of the upload was never added`);
      return extraction;
    });
    const maxRows = this.options.maxRows ?? DEFAULT_MAX_ROWS;
    const reports: FileReport[] = [];
    const accepted: FileExtraction[] = [];
    let rows = 0;
    for (const extraction of extractions) {
      if (rows + extraction.report.records > maxRows) {
        reports.push(rejected(extraction.report, maxRows));
        continue;
      }
      rows += extraction.report.records;
      accepted.push(extraction);
      reports.push(extraction.report);
    }
    if (accepted.length < extractions.length) {
      // Rare: the upload is over the row limit. Merge again without the refused files.
      const again = new ContactsAccumulator(accepted.length, this.options);
      for (const [i, extraction] of accepted.entries()) again.add(i, extraction);
      return { ...again.finish(), files: reports };
    }
    return this.result(reports);
  }

  private result(reports: FileReport[]): ContactsAnalysis {
    const allow = this.options.allowCountries ?? ['NL'];
    const allowed = allow === 'ALL' ? undefined : new Set(allow.map((c) => c.toUpperCase()));
    const byType: ByType = {};
    const bySourceCount: Record<string, number> = {};
    const unique: UniqueNumber[] = [];
    const recipients: string[] = [];
    let notMobile = 0;
    let countryNotAllowed = 0;
    // The merge visits the numbers in E.164 order, so both the numbers and the recipients come out sorted.
    mergeSorted(this.lists as SortedNumbers[], this.sourceIndex.size, (e164, typeIndex, country, sources) => {
      const type = PhoneTypeSchema.options[typeIndex]!;
      if (type === 'INVALID') return;
      byType[type] = (byType[type] ?? 0) + 1;
      bySourceCount[sources] = (bySourceCount[sources] ?? 0) + 1;
      unique.push({ e164, type, country, sources });
      if (!SENDABLE_TYPES.has(type)) notMobile++;
      else if (allowed && !allowed.has(country)) countryNotAllowed++;
      else recipients.push(e164);
    });
    if (this.invalid > 0) byType.INVALID = this.invalid;
    return {
      region: this.options.region ?? DEFAULT_REGION,
      allow_countries: allowed ? [...allowed].sort() : 'ALL',
      files: reports,
      numbers_found: this.found,
      valid: this.valid,
      unique: unique.length,
      sendable: recipients.length,
      by_type: byType,
      excluded: { not_mobile: notMobile, country_not_allowed: countryNotAllowed, invalid: this.invalid },
      by_source_count: bySourceCount,
      numbers: unique,
      recipients,
      fingerprint: recipientFingerprint(recipients),
      masked_samples: samples(recipients),
    };
  }
}

/** A file's numbers as a sorted list; extractions from `extractContactFile` are sorted already. */
function sortedNumbers(extraction: FileExtraction, source: number): SortedNumbers {
  const e164s = extraction.e164s === '' ? [] : extraction.e164s.split('\n');
  // A handful of distinct countries for hundreds of thousands of numbers: share one string per country.
  const interned = new Map<string, string>();
  const countries = extraction.countries.split('\n').map((country) => {
    const known = interned.get(country);
    if (known !== undefined) return known;
    interned.set(country, country);
    return country;
  });
  let sorted = true;
  for (let i = 1; i < e164s.length && sorted; i++) sorted = e164s[i - 1]! <= e164s[i]!;
  if (sorted) return { e164s, types: extraction.types, countries, source };
  const order = e164s
    .map((_, i) => i)
    .sort((a, b) => (e164s[a]! < e164s[b]! ? -1 : e164s[a]! > e164s[b]! ? 1 : 0));
  return {
    e164s: order.map((i) => e164s[i]!),
    types: order.map((i) => extraction.types[i]!),
    countries: order.map((i) => countries[i]!),
    source,
  };
}

/**
 * Visits every distinct number of the sorted lists once, in E.164 order, with its type and country from the
 * first list (in upload order) that holds it and the number of distinct sources that hold it.
 */
function mergeSorted(
  lists: readonly SortedNumbers[],
  sourceCount: number,
  visit: (e164: string, type: number, country: string, sources: number) => void,
): void {
  const at = new Int32Array(lists.length);
  const head = (list: number): string => lists[list]!.e164s[at[list]!]!;
  // Ties go to the earlier file, so the first list popped for a number is the first in upload order.
  const before = (a: number, b: number): boolean => {
    const x = head(a);
    const y = head(b);
    return x < y || (x === y && a < b);
  };
  const heap: number[] = [];
  const siftDown = (from: number): void => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, heap[i]!)) return;
      [heap[i], heap[child]] = [heap[child]!, heap[i]!];
      i = child;
    }
  };
  for (let list = 0; list < lists.length; list++) if (lists[list]!.e164s.length > 0) heap.push(list);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  // Advances the list on top of the heap to its next number, or drops it when it has none left.
  const advance = (): void => {
    const list = heap[0]!;
    if (++at[list]! < lists[list]!.e164s.length) siftDown(0);
    else {
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown(0);
      }
    }
  };
  const seen = new Int32Array(sourceCount).fill(-1);
  let stamp = 0;
  while (heap.length > 0) {
    const first = heap[0]!;
    const e164 = head(first);
    const type = lists[first]!.types[at[first]!]!;
    const country = lists[first]!.countries[at[first]!]!;
    stamp++;
    let sources = 0;
    do {
      const source = lists[heap[0]!]!.source;
      if (seen[source] !== stamp) {
        seen[source] = stamp;
        sources++;
      }
      advance();
    } while (heap.length > 0 && head(heap[0]!) === e164);
    visit(e164, type, country, sources);
  }
}

/** All extractions of an upload, in upload order, into one analysis (see `ContactsAccumulator`). */
export function combineExtractions(
  extractions: readonly FileExtraction[],
  options: Pick<AnalyseOptions, 'region' | 'allowCountries' | 'maxRows'> = {},
): ContactsAnalysis {
  const accumulator = new ContactsAccumulator(extractions.length, options);
  for (const [i, extraction] of extractions.entries()) accumulator.add(i, extraction);
  return accumulator.finish();
}

function rejected(report: FileReport, maxRows: number): FileReport {
  return {
    ...report,
    records: 0,
    numbers: 0,
    problems: [
      {
        line: null,
        reason: `Met dit bestand komt de upload boven ${formatCount(maxRows)} rijen of kaarten in totaal; het is niet verwerkt.`,
      },
    ],
    problems_omitted: 0,
  };
}

/** Evenly spread masked recipients, deterministic, so the report shows a few without showing any in full. */
function samples(recipients: readonly string[]): string[] {
  if (recipients.length <= SAMPLE_SIZE) return recipients.map(maskE164);
  const step = recipients.length / SAMPLE_SIZE;
  return Array.from({ length: SAMPLE_SIZE }, (_, i) => maskE164(recipients[Math.floor(i * step)]!));
}
