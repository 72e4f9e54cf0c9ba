import type { Job } from './job.schema.js';

/** The job records (DynamoDB's main table): each write is conditional on the version the writer read. */
export interface JobStore {
  /** Records a new job; ConflictError when the id exists. */
  create(job: Job): Promise<void>;
  get(id: string): Promise<Job | undefined>;
  /** Writes `job` (whose version is one above the stored one); ConflictError when someone wrote in between. */
  save(job: Job): Promise<void>;
}

/** Files sent along with a job that cannot travel by reference (a direct upload in the embedded runtime). */
export interface JobAttachments {
  source: string;
  files: readonly { name: string; bytes: Uint8Array }[];
}

/**
 * Hands a queued job to its worker and returns at once: in AWS an asynchronous Lambda invocation (the web
 * function for letters, the contact reader for contacts); locally the web process itself, in the
 * background. The worker finds everything else in the job record.
 */
export interface JobRunner {
  start(job: Job, attachments?: JobAttachments): Promise<void>;
}

/** A file's content: text, bytes, or bytes in chunks (a large print view is never one string). */
export type FileBody = string | Uint8Array | readonly Uint8Array[];

/** A short-lived link to a stored file. */
export interface FileLink {
  url: string;
  expiresInSeconds: number;
}

/**
 * Storage for results too large to travel in a response (print views, PDFs, CSV exports, certificates): the
 * bucket below `letters/` in AWS, a local folder in the embedded runtime. Handed out through short-lived
 * links, so nothing larger than a page passes through the web function.
 */
export interface FileStore {
  /** Stores a file (given whole or in chunks, written in order); answers its size in bytes. */
  put(key: string, body: FileBody, contentType: string): Promise<number>;
  link(key: string, download: { fileName: string; contentType: string }): Promise<FileLink>;
  /**
   * The file behind a link this store signed, when this process serves the links itself (locally);
   * undefined for a link that is forged, expired or whose file is gone.
   */
  open?(
    query: URLSearchParams,
  ): Promise<{ bytes: Uint8Array; fileName: string; contentType: string } | undefined>;
}
