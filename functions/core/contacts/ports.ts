import type { AuditActorRole } from '../audit/audit-event.schema.js';
import type { Actor } from '../auth/roles.js';
import type { ContactFile, FileExtraction } from './extraction.js';

export type { WorkbookReader } from './sink.js';

/** Who reads the file: the signed-in person and the role the audit trail records for them. */
export interface ReadingActor {
  actor: Actor;
  role: AuditActorRole;
}

/** A contact file as the browser sent it. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * A file the browser put straight into staging storage (S3 in AWS), named by its key. The person's own
 * fields (the phone label) travel with it.
 */
export interface StagedRef {
  stagedKey: string;
}

/** One phone's files as the browser sent them, or as it put them into staging storage (one key per file). */
export type ContactFilesInput =
  | { source: string; files: readonly UploadedFile[] }
  | { stagedKeys: readonly string[] };
export type ListChangeInput = { text?: string; file?: UploadedFile } | StagedRef;

/** The outcome of changing an exclusion list: counts only. */
export interface ListChange {
  /** Distinct valid numbers read from the input. */
  numbers: number;
  /** Raw strings that were not valid numbers, and rows or files with other problems. */
  problems: number;
  /** Entries on the list afterwards. */
  total: number;
  /** Lines of pasted text without a valid number, by line number (1-based): reported, never dropped silently. */
  ignoredLines?: number[];
}

/**
 * The two use cases that read contact files (vCard, CSV, XLSX) into numbers. Locally they run in the web
 * process; in AWS in the ingest function, so the web function neither loads the readers nor carries the
 * files, and an upload is not bound by the 6 MB request limit of a Lambda function.
 */
export interface ContactReading {
  /** One phone's files into a campaign's numbers; recomputes the recipient set. */
  uploadContactFiles(acting: ReadingActor, campaignId: string, input: ContactFilesInput): Promise<void>;
  /** Pasted numbers or a file onto (or off) the do-not-contact list, as keyed hashes. */
  changeDoNotContact(
    acting: ReadingActor,
    mode: 'add' | 'remove',
    input: ListChangeInput,
  ): Promise<ListChange>;
}

/** A form that posts one file straight to staging storage, and where the browser goes afterwards. */
export interface StagedUploadForm {
  /** The form's action. */
  url: string;
  /** Hidden fields, in order, before the person's own fields. */
  fields: Record<string, string>;
  /** The name under which each of the person's own fields (e.g. `telefoon`) must be posted. */
  userFieldNames: Record<string, string>;
  /** The name of the file field; storage wants it last. */
  fileField: string;
  /** When storage stops accepting the form (ISO 8601). */
  expiresAt: string;
}

/** What a signed upload form is for: one key, a size limit, a validity, and the fields that travel along. */
export interface UploadFormRequest {
  key: string;
  maxBytes: number;
  redirectUrl: string;
  expiresInSeconds: number;
  fields?: Record<string, string>;
  userFields?: readonly string[];
}

/** Staging storage for uploads: the browser posts files straight to it, the ingest side takes them out. */
export interface UploadStaging {
  /** The origin the forms post to; the web pages' content security policy must allow it. */
  readonly origin: string;
  /**
   * A signed form for one file at `key`: at most `maxBytes`, valid for `expiresInSeconds`, with `fields`
   * stored next to the file and `userFields` filled in by the person; on success the browser is sent to
   * `redirectUrl` (storage adds the key to its query).
   */
  uploadForm(input: UploadFormRequest): Promise<StagedUploadForm>;
  /**
   * The file at `key` with its stored fields, removed from storage at once (files are read once, never
   * kept); undefined when it is not there: processed already, or expired.
   */
  take(key: string): Promise<{ bytes: Uint8Array; fields: Record<string, string> } | undefined>;
  /**
   * The file at `key` with its stored fields and version, left in storage: a job reads the files first and
   * discards them only once their reading is recorded, so a job that dies halfway loses nothing.
   */
  read(key: string): Promise<StagedFile | undefined>;
  /** Removes exactly the version that was read (nothing else a person may have put there since). */
  discard(key: string, version: string | undefined): Promise<void>;
}

/** A staged file as read from storage. */
export interface StagedFile {
  bytes: Uint8Array;
  fields: Record<string, string>;
  version?: string;
}

/**
 * Reads one contact file off the thread that answers requests (worker threads locally), within a time and
 * memory budget, so a hostile file slows down nobody else. A file over a budget rejects with a domain error
 * whose Dutch message names the budget.
 */
export interface ContactFileReader {
  extract(
    file: ContactFile,
    options: { region: string; maxFileBytes: number; maxRows: number },
  ): Promise<FileExtraction>;
}
