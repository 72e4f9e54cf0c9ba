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
  const extractions: FileExtraction[] = [];
  let records = 0;
  for (const file of files) {
    extractions.push(
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
  return mergeExtractions(extractions, options);
}

interface Entry {
  type: number;
  country: string;
  sources: number;
  lastSource: number;
}

/**
 * Combines per-file extractions (in upload order) into one analysis: applies the total row limit, dedupes
 * on E.164 across files, counts on how many phones each number was found, and decides what is sendable.
 * The result does not depend on the order of files or rows, unless the row limit cuts it off.
 */
export function mergeExtractions(
  extractions: readonly FileExtraction[],
  options: Pick<AnalyseOptions, 'region' | 'allowCountries' | 'maxRows'> = {},
): ContactsAnalysis {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const allow = options.allowCountries ?? ['NL'];
  const allowed = allow === 'ALL' ? undefined : new Set(allow.map((c) => c.toUpperCase()));
  const accepted: FileExtraction[] = [];
  const reports: FileReport[] = [];
  let rows = 0;
  for (const extraction of extractions) {
    rows += extraction.report.records;
    if (rows > maxRows) {
      rows -= extraction.report.records;
      reports.push(rejected(extraction.report, maxRows));
      continue;
    }
    accepted.push(extraction);
    reports.push(extraction.report);
  }

  const sourceIndex = new Map<string, number>();
  for (const extraction of accepted) {
    if (!sourceIndex.has(extraction.report.source))
      sourceIndex.set(extraction.report.source, sourceIndex.size);
  }
  // Files of one phone are merged one after another, so "seen on another phone" is one comparison.
  const bySource = [...accepted].sort(
    (a, b) => sourceIndex.get(a.report.source)! - sourceIndex.get(b.report.source)!,
  );
  const numbers = new Map<string, Entry>();
  let found = 0;
  let valid = 0;
  let invalid = 0;
  for (const extraction of bySource) {
    found += extraction.found;
    valid += extraction.valid;
    invalid += extraction.invalid;
    const source = sourceIndex.get(extraction.report.source)!;
    for (let i = 0; i < extraction.e164s.length; i++) {
      const e164 = extraction.e164s[i]!;
      const entry = numbers.get(e164);
      if (!entry) {
        numbers.set(e164, {
          type: extraction.types[i]!,
          country: extraction.countries[i]!,
          sources: 1,
          lastSource: source,
        });
      } else if (entry.lastSource !== source) {
        entry.sources++;
        entry.lastSource = source;
      }
    }
  }

  const byType: ByType = {};
  const bySourceCount: Record<string, number> = {};
  const unique: UniqueNumber[] = [];
  const recipients: string[] = [];
  let notMobile = 0;
  let countryNotAllowed = 0;
  for (const [e164, entry] of numbers) {
    const type = PhoneTypeSchema.options[entry.type]!;
    if (type === 'INVALID') continue;
    byType[type] = (byType[type] ?? 0) + 1;
    bySourceCount[entry.sources] = (bySourceCount[entry.sources] ?? 0) + 1;
    unique.push({ e164, type, country: entry.country, sources: entry.sources });
    if (!SENDABLE_TYPES.has(type)) notMobile++;
    else if (allowed && !allowed.has(entry.country)) countryNotAllowed++;
    else recipients.push(e164);
  }
  if (invalid > 0) byType.INVALID = invalid;
  recipients.sort();
  unique.sort((a, b) => (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0));

  return {
    region: options.region ?? DEFAULT_REGION,
    allow_countries: allow === 'ALL' ? 'ALL' : [...allowed!].sort(),
    files: reports,
    numbers_found: found,
    valid,
    unique: unique.length,
    sendable: recipients.length,
    by_type: byType,
    excluded: { not_mobile: notMobile, country_not_allowed: countryNotAllowed, invalid },
    by_source_count: bySourceCount,
    numbers: unique,
    recipients,
    fingerprint: recipientFingerprint(recipients),
    masked_samples: samples(recipients),
  };
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
