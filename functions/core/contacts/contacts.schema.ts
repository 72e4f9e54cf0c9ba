import type { CountryCode } from 'libphonenumber-js/max';
import * as z from 'zod';
import type { WorkbookReader } from './sink.js';

/**
 * libphonenumber's type names, plus INVALID for strings that are no valid number and our own M2M for Dutch
 * 097 numbers (smart meters, alarm panels, trackers): libphonenumber calls those MOBILE, but no person reads them.
 */
export const PhoneTypeSchema = z.enum([
  'MOBILE',
  'FIXED_LINE',
  'FIXED_LINE_OR_MOBILE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
  'M2M',
  'UNKNOWN',
  'INVALID',
]);
export type PhoneType = z.infer<typeof PhoneTypeSchema>;

/** The types a text message can reach a person on. */
export const SENDABLE_TYPES: ReadonlySet<PhoneType> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/** What a file turned out to be; `unreadable` when it could not be read at all (see its problems). */
export const FileFormatSchema = z.enum(['vcard', 'csv', 'xlsx', 'unreadable']);
export type FileFormat = z.infer<typeof FileFormatSchema>;

/** One problem in a file: `line` is the physical line (vCard, CSV) or row (XLSX); null for the whole file. */
export const ContactProblemSchema = z.object({
  line: z.number().int().nonnegative().nullable(),
  sheet: z.string().optional(),
  /** Dutch, never containing the number itself. */
  reason: z.string().min(1),
});
export type ContactProblem = z.infer<typeof ContactProblemSchema>;

export const FileReportSchema = z.object({
  /** What the file is called: a label with a sequence number ("Bestand 3 (vCard)"), never its name. */
  file: z.string(),
  /** The phone the file came from, e.g. "telefoon 1". */
  source: z.string(),
  format: FileFormatSchema,
  /** Cards (vCard) or data rows (CSV, XLSX). */
  records: z.number().int().nonnegative(),
  /** Raw number strings found. */
  numbers: z.number().int().nonnegative(),
  problems: z.array(ContactProblemSchema),
  /** Problems beyond the per-file cap, counted but not listed. */
  problems_omitted: z.number().int().nonnegative(),
});
export type FileReport = z.infer<typeof FileReportSchema>;

export const E164Schema = z.string().regex(/^\+[1-9]\d{1,14}$/);

/** One distinct valid number. `country` is ISO 3166 alpha-2, or "001" for non-geographic numbers. */
export const UniqueNumberSchema = z.object({
  e164: E164Schema,
  type: PhoneTypeSchema.exclude(['INVALID']),
  country: z.string().min(2).max(3),
  /** On how many phones (sources) the number was found. */
  sources: z.number().int().positive(),
});
export type UniqueNumber = z.infer<typeof UniqueNumberSchema>;

export const ByTypeSchema = z.partialRecord(PhoneTypeSchema, z.number().int().nonnegative());
export type ByType = z.infer<typeof ByTypeSchema>;

export const ExcludedSchema = z.object({
  not_mobile: z.number().int().nonnegative(),
  country_not_allowed: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
});

export const FingerprintSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/);

/**
 * The outcome of reading one upload: per-file reports, the funnel, and the numbers. Holds phone numbers and
 * counts only; names, e-mail addresses, notes, photos and addresses never reach it.
 */
export const ContactsAnalysisSchema = z.object({
  region: z.string().length(2),
  allow_countries: z.union([z.literal('ALL'), z.array(z.string().length(2))]),
  files: z.array(FileReportSchema),
  /** Raw number strings found. */
  numbers_found: z.number().int().nonnegative(),
  /** Valid ones among them, repeats included. */
  valid: z.number().int().nonnegative(),
  /** Distinct valid E.164 numbers. */
  unique: z.number().int().nonnegative(),
  /** Distinct sendable numbers. */
  sendable: z.number().int().nonnegative(),
  /** Unique numbers per type; INVALID counts raw strings. */
  by_type: ByTypeSchema,
  excluded: ExcludedSchema,
  /** How many unique numbers were found on exactly N phones, keyed by N. */
  by_source_count: z.record(z.string().regex(/^\d+$/), z.number().int().nonnegative()),
  numbers: z.array(UniqueNumberSchema),
  /** The sendable E.164 numbers, sorted. */
  recipients: z.array(E164Schema),
  fingerprint: FingerprintSchema,
  /** A few masked recipients for the report, never full numbers. */
  masked_samples: z.array(z.string()),
});
export type ContactsAnalysis = z.infer<typeof ContactsAnalysisSchema>;

export const ExclusionReasonSchema = z.enum(['do_not_contact', 'opt_out', 'recently_messaged']);
export type ExclusionReason = z.infer<typeof ExclusionReasonSchema>;

/** The sendable set after the exclusion lists, each list counted on its own, in the order they apply. */
export const ExclusionResultSchema = z.object({
  remaining: z.array(E164Schema),
  excluded: z.record(ExclusionReasonSchema, z.number().int().nonnegative()),
  /** How many numbers were left after each list. */
  after: z.record(ExclusionReasonSchema, z.number().int().nonnegative()),
  fingerprint: FingerprintSchema,
});
export type ExclusionResult = z.infer<typeof ExclusionResultSchema>;

/** Limits and choices for one analysis. */
export interface AnalyseOptions {
  /** Default region for numbers without a country code; NL unless said otherwise. */
  region?: CountryCode;
  /** Countries a campaign may text; default ['NL']; 'ALL' allows every country. */
  allowCountries?: string[] | 'ALL';
  /** Per-file size limit in bytes; default 50 MB. */
  maxFileBytes?: number;
  /** Limit on data rows and cards over all files together; default 2,000,000. */
  maxRows?: number;
  onProgress?: (done: { records: number }) => void;
  /** Reads XLSX workbooks; without it a workbook becomes an unreadable file. */
  workbooks?: WorkbookReader;
}

/** Files per upload request: a phone's export rarely has more than a handful. */
export const MAX_FILES_PER_UPLOAD = 10;

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 2_000_000;
export const DEFAULT_REGION = 'NL';
