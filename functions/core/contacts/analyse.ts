import type { CountryCode } from 'libphonenumber-js/max';
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
import { type ContactFile, extractContactFile, type FileExtraction, formatCount } from './extract-file.js';
import { recipientFingerprint } from './fingerprint.js';
import { maskE164 } from './mask.js';
import { Normaliser } from './normalise.js';

const SAMPLE_SIZE = 5;

/**
 * Reads every file of an upload and returns the report, the funnel and the numbers, in one thread.
 * Why: the domain core must work on its own (tests, small uploads, the CLI); the worker pool in
 * adapters/ingest-workers runs the same `extractContactFile` per file and the same `mergeExtractions`.
 */
export async function analyseContactFiles(
  files: readonly ContactFile[],
  options: AnalyseOptions = {},
): Promise<ContactsAnalysis> {
  const normaliser = new Normaliser(options.region ?? (DEFAULT_REGION as CountryCode));
  const accumulator = new ContactsAccumulator(files.length, options);
  let records = 0;
  for (const [i, file] of files.entries()) {
    accumulator.add(
      i,
      await extractContactFile(file, normaliser, {
        maxFileBytes: options.maxFileBytes,
        maxRows: options.maxRows,
        onRecords: (n) => {
          records += n;
          if (n > 0) options.onProgress?.({ records });
        },
      }),
    );
  }
  return accumulator.finish();
}

interface Entry {
  type: number;
  country: string;
  /** The first phone the number was seen on, and the others once there are more. */
  source: number;
  others?: Set<number>;
}

/**
 * Combines per-file extractions into one analysis, file by file as they arrive (in any order), so merging
 * overlaps with reading when files are read in parallel. Dedupes on E.164 across files, counts on how many
 * phones each number was found, applies the total row limit in upload order, and decides what is sendable.
 * The result does not depend on the order of files or rows, unless the row limit cuts it off.
 */
export class ContactsAccumulator {
  private readonly extractions: (FileExtraction | undefined)[];
  private readonly numbers = new Map<string, Entry>();
  private readonly sourceIndex = new Map<string, number>();
  private found = 0;
  private valid = 0;
  private invalid = 0;

  constructor(
    fileCount: number,
    private readonly options: Pick<AnalyseOptions, 'region' | 'allowCountries' | 'maxRows'> = {},
  ) {
    this.extractions = new Array(fileCount);
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
    const { types } = extraction;
    const e164s = extraction.e164s === '' ? [] : extraction.e164s.split('\n');
    const countries = extraction.countries.split('\n');
    for (let i = 0; i < e164s.length; i++) {
      const e164 = e164s[i]!;
      const entry = this.numbers.get(e164);
      if (!entry) this.numbers.set(e164, { type: types[i]!, country: countries[i]!, source });
      else if (entry.source !== source && !entry.others?.has(source)) {
        entry.others ??= new Set();
        entry.others.add(source);
      }
    }
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
    // Sorting the keys once keeps both the numbers and the recipients in E.164 order.
    for (const e164 of [...this.numbers.keys()].sort()) {
      const entry = this.numbers.get(e164)!;
      const type = PhoneTypeSchema.options[entry.type]!;
      if (type === 'INVALID') continue;
      const sources = 1 + (entry.others?.size ?? 0);
      byType[type] = (byType[type] ?? 0) + 1;
      bySourceCount[sources] = (bySourceCount[sources] ?? 0) + 1;
      unique.push({ e164, type, country: entry.country, sources });
      if (!SENDABLE_TYPES.has(type)) notMobile++;
      else if (allowed && !allowed.has(entry.country)) countryNotAllowed++;
      else recipients.push(e164);
    }
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

/** All extractions of an upload, in upload order, into one analysis (see `ContactsAccumulator`). */
export function mergeExtractions(
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
