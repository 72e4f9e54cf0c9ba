/**
 * The ports: every external system the application talks to, in domain terms. Each has a real AWS adapter
 * and a real local adapter in functions/adapters; a contract suite in test/contract runs against both
 * where they can run here.
 */

import * as z from 'zod';
import type {
  AuditAction,
  AuditEvent,
  AuditEventDraft,
  AuditSubjectType,
} from './audit/audit-event.schema.js';
import type { Role } from './auth/roles.js';
import type { Session } from './auth/session.js';
import type { Blueprint } from './campaigns/blueprint.schema.js';
import {
  ApprovalRequestSchema,
  ApprovalSchema,
  type Campaign,
  type CampaignStatus,
  RejectionSchema,
  WithdrawalSchema,
} from './campaigns/campaign.schema.js';
import type { Case } from './campaigns/case.schema.js';
import { E164Schema, FileReportSchema } from './contacts/contacts.schema.js';
import type { StreetRef } from './letters/address.schema.js';
import type { Round, RoundStreet } from './letters/distribution.schema.js';
import type { LetterBatch, LetterSelection, WebVersion } from './letters/letter-records.schema.js';
import type { RecipientDispatchStore } from './sending/ports.js';
import type { Settings } from './settings/settings.schema.js';
import type { User } from './users/user.schema.js';

export type { Clock, Ids } from './clock.js';
export type {
  ContactFileReader,
  ContactFilesInput,
  ContactReading,
  ListChange,
  ListChangeInput,
  ReadingActor,
  StagedRef,
  StagedUploadForm,
  UploadedFile,
  UploadFormRequest,
  UploadStaging,
  WorkbookReader,
} from './contacts/ports.js';
export type { FileBody, FileLink, FileStore, JobAttachments, JobRunner, JobStore } from './jobs/ports.js';
export type {
  AddressSource,
  PdfLink,
  PdfLinkRequest,
  PdfRenderer,
  PdfRenderRequest,
} from './letters/ports.js';
export type { OutboxPurge, PurgeRecordStore, RetentionDeps } from './retention/ports.js';
export type {
  DispatchStatusStore,
  LocalOutbox,
  RecipientDispatchStore,
  SendingDeps,
  TrackedLinkStore,
} from './sending/ports.js';
export type { SmsGateway } from './sending/sms-gateway.js';
export type { LocalMailOutbox, Mailer, MailPreferenceStore, NotificationDeps } from './tasks/ports.js';

/** Platform secrets: the session-cookie signing key and the HMAC key for keyed-hash lists. */
export interface Secrets {
  sessionKey: string;
  /** The current key: every new keyed hash is made with it. */
  hmacKey: Uint8Array;
  /**
   * Keys retired by a rotation, newest first: lookups still match entries hashed with them, because opt-out
   * and do-not-contact entries never expire and the numbers behind them cannot be re-hashed.
   */
  previousHmacKeys?: readonly Uint8Array[];
}

/** Accounts. `credential` is an opaque verifier string (a scrypt hash locally); never a password. */
export interface UserStore {
  /** Creates the user; ConflictError when the username exists. */
  create(user: User, credential: string | null): Promise<void>;
  get(userId: string): Promise<User | undefined>;
  findByUsername(username: string): Promise<User | undefined>;
  list(): Promise<User[]>;
  /** Replaces profile fields (display name, roles, disabled). */
  update(user: User): Promise<void>;
  setCredential(userId: string, credential: string): Promise<void>;
  getCredential(userId: string): Promise<string | undefined>;
}

export interface SessionStore {
  create(session: Session): Promise<void>;
  get(sessionId: string): Promise<Session | undefined>;
  delete(sessionId: string): Promise<void>;
}

/** Failed-login counters per username and time window (see core/auth/session.ts). */
/** Failed-login counters per key (an account, an address, or both) and window, with the last failure's time. */
export interface LoginThrottleStore {
  failures(key: string, windowKey: string): Promise<number>;
  state(key: string, windowKey: string): Promise<{ failures: number; lastFailureAt?: string }>;
  recordFailure(key: string, windowKey: string, expiresAt: Date, at?: Date): Promise<number>;
}

/**
 * Fixed-window hit counters shared by every instance serving the public pages (`/stop`, `/r/`, login), so a
 * limit holds however requests are spread over instances. Keys are keyed hashes, never an address.
 */
export interface RateLimitStore {
  /**
   * Counts one hit on `key` in its window — the one opened by a hit less than `windowMs` before `now`, or
   * else a new one opened now — unless that window already counted `limit` hits. True when counted, false
   * when the window's allowance is used up.
   */
  take(key: string, limit: number, windowMs: number, now: Date): Promise<boolean>;
}

export interface SettingsStore {
  get(): Promise<Settings | undefined>;
  put(settings: Settings): Promise<void>;
}

/**
 * Checks a username and password. The local adapter uses scrypt hashes in the UserStore; in AWS a Cognito
 * adapter verifies tokens instead. Returns the user only when the credentials match and the account is active.
 */
export interface Auth {
  verifyPassword(username: string, password: string): Promise<User | undefined>;
  /** Produces the credential string for a new password (local only; Cognito manages its own). */
  hashPassword(password: string): Promise<string>;
}

/** Structured logging. Callers pass ids and counts only: never a phone number, name or address. */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface AuditQuery {
  caseId?: string;
  campaignId?: string;
  /** Month buckets to scan for the global listing, newest first (`YYYY-MM`). */
  months?: string[];
  action?: AuditAction;
  actorUserId?: string;
  subjectType?: AuditSubjectType;
  /** Events at or after this moment (ISO, UTC). */
  from?: string;
  /** Events before this moment (ISO, UTC; exclusive). */
  until?: string;
  limit?: number;
}

/** The append-only audit trail: there is no update or delete. */
export interface AuditStore {
  append(draft: AuditEventDraft): Promise<AuditEvent>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEvent[]>;
}

/** The area of each letter campaign (one per campaign), with optimistic locking on `version`. */
export interface LetterSelectionStore {
  get(campaignId: string): Promise<LetterSelection | undefined>;
  /**
   * Stores the selection when the stored one still has `expectedVersion` (null: none stored yet);
   * ConflictError when someone else saved in between.
   */
  save(selection: LetterSelection, expectedVersion: number | null): Promise<void>;
}

/** Rendered letter runs: metadata only; the PDF is rendered again on request. */
export interface LetterBatchStore {
  create(batch: LetterBatch): Promise<void>;
  get(campaignId: string, batchId: string): Promise<LetterBatch | undefined>;
  /** Newest first. */
  list(campaignId: string): Promise<LetterBatch[]>;
  /** Counts one PDF download or print of the batch (atomic). */
  recordDownload(campaignId: string, batchId: string): Promise<void>;
}

/** Distribution rounds with per-street state, so distributors in one round never overwrite each other. */
export interface RoundStore {
  create(round: Round): Promise<void>;
  get(roundId: string): Promise<Round | undefined>;
  /** A campaign's rounds by date and time slot. */
  listByCampaign(campaignId: string): Promise<Round[]>;
  /** The rounds a distributor is in, by date. */
  listByDistributor(userId: string): Promise<Round[]>;
  /**
   * Applies `change` to one street of a round as a conditional write of that street only, re-reading and
   * retrying when another write won; errors thrown by `change` propagate unchanged.
   */
  updateStreet(
    roundId: string,
    street: StreetRef,
    change: (current: RoundStreet) => RoundStreet,
  ): Promise<RoundStreet>;
}

/** The public web versions per street (`/w/<code>`) and their open counts: no IP, no cookie, no person. */
export interface WebVersionStore {
  /** The street's code; the first call claims `newCode` for it, later calls return the same code. */
  codeFor(campaignId: string, street: StreetRef, newCode: string, now: Date): Promise<WebVersion>;
  get(code: string): Promise<WebVersion | undefined>;
  list(campaignId: string): Promise<WebVersion[]>;
  /**
   * Adds one open to the street's counter (atomic ADD) and, given the moment, to the campaign's counter of
   * that hour, so the results can show opens over time. No IP, no cookie, no person.
   */
  recordOpen(code: string, at?: Date): Promise<void>;
  /** Opens of a campaign's web versions per hour (UTC, `YYYY-MM-DDTHH`), all streets together. */
  opensByHour(campaignId: string): Promise<{ hour: string; opens: number }[]>;
}

/* ---- SMS-bom: cases, campaigns, contact uploads, recipients, approvals, keyed-hash lists ---- */

/** Cases (zaken). */
export interface CaseStore {
  /** Creates the case; ConflictError when the id exists. */
  create(item: Case): Promise<void>;
  get(caseId: string): Promise<Case | undefined>;
  /** Newest first. */
  list(): Promise<Case[]>;
}

/**
 * Campaigns of both kinds (`sms`, `letter`). Writes are optimistic: `save` succeeds only while the stored
 * version is still `expectedVersion`, so two concurrent edits or transitions can never both win.
 */
export interface CampaignStore {
  /** Creates the campaign; ConflictError when the id exists. */
  create(campaign: Campaign): Promise<void>;
  get(campaignId: string): Promise<Campaign | undefined>;
  listByCase(caseId: string): Promise<Campaign[]>;
  /** Campaigns in this status, most recently changed first. */
  listByStatus(status: CampaignStatus): Promise<Campaign[]>;
  /** Writes `campaign` (whose version is the next one) if the stored version is `expectedVersion`; else ConflictError. */
  save(campaign: Campaign, expectedVersion: number): Promise<void>;
}

/**
 * One uploaded contact file: what it was and what it gave, never its bytes, its name, names or numbers. `accepted`
 * false means the file was refused as a whole (row limit) and contributes nothing.
 */
export const ContactUploadSchema = z.object({
  id: z.string().min(1),
  campaignId: z.string().min(1),
  /**
   * The file's number within its campaign; `report.file` is the label made from it ("Bestand 3 (vCard)"),
   * never the file's name. Absent in uploads stored before names were dropped: the store numbers those on read.
   */
  seq: z.number().int().positive().optional(),
  report: FileReportSchema,
  sizeBytes: z.number().int().nonnegative(),
  /** Raw number strings found, the valid ones among them (with repeats), the invalid ones. */
  found: z.number().int().nonnegative(),
  valid: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  /** Distinct valid numbers in this file. */
  distinct: z.number().int().nonnegative(),
  accepted: z.boolean(),
  uploadedAt: z.iso.datetime(),
  uploadedBy: z.string().min(1),
  /**
   * HMAC-SHA-256 of the file's bytes under the municipality's key: tells that a file was uploaded twice,
   * and cannot be reversed to its numbers (not even for a file holding one number). Absent in older uploads.
   */
  contentHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type ContactUpload = z.infer<typeof ContactUploadSchema>;

/** The distinct valid numbers one file gave, with their type and country: enough to recompute the set without the file. */
export interface UploadExtraction {
  e164s: string[];
  /** Index into PhoneTypeSchema.options per number. */
  types: Uint8Array;
  countries: string[];
}

/** Uploads per campaign: the report per file plus its extracted numbers (in the recipients table). */
export interface ContactUploadStore {
  /** Stores the report and, when accepted, the file's numbers. */
  add(upload: ContactUpload, extraction: UploadExtraction): Promise<void>;
  list(campaignId: string): Promise<ContactUpload[]>;
  extraction(campaignId: string, uploadId: string): Promise<UploadExtraction>;
  /** Removes the report and the numbers of one file. */
  remove(campaignId: string, uploadId: string): Promise<void>;
  /** Purge: deletes up to `limit` items of one file's numbers and returns how many it deleted. */
  deleteExtraction(campaignId: string, uploadId: string, limit: number): Promise<number>;
  /**
   * Purge: replaces what in a report could name a person (file name, phone label, sheet names) with neutral
   * words and keeps the counts; returns whether the report changed.
   */
  redact(campaignId: string, uploadId: string, label: string): Promise<boolean>;
}

/** One recipient of a campaign's current set. `id` is stable for the same number and reveals nothing about it. */
export const RecipientEntrySchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  e164: E164Schema,
  /** On how many phones the number was found. */
  sources: z.number().int().positive(),
  variantId: z.string().nullable(),
});
export type RecipientEntry = z.infer<typeof RecipientEntrySchema>;

/** The recipient set of a campaign, with the sending module's conditional transitions on its items. */
export interface RecipientStore extends RecipientDispatchStore {
  /** Replaces the whole set: deletes every recipient of the old set, writes the new ones as `pending`. */
  replace(campaignId: string, recipients: readonly RecipientEntry[]): Promise<void>;
  list(campaignId: string): Promise<RecipientEntry[]>;
  count(campaignId: string): Promise<number>;
  /** A few recipients for masked samples, in stable (hash) order. */
  sample(campaignId: string, n: number): Promise<RecipientEntry[]>;
  /** The fingerprint of the stored set, recomputed from the store (see recipientFingerprint); null when empty. */
  fingerprint(campaignId: string): Promise<string | null>;
  deleteAll(campaignId: string): Promise<void>;
  /** Purge: deletes up to `limit` recipient items of the campaign and returns how many it deleted. */
  deleteBatch(campaignId: string, limit: number): Promise<number>;
}

export const ApprovalRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('request'), campaignId: z.string(), record: ApprovalRequestSchema }),
  z.object({ kind: z.literal('approval'), campaignId: z.string(), record: ApprovalSchema }),
  z.object({ kind: z.literal('rejection'), campaignId: z.string(), record: RejectionSchema }),
  z.object({ kind: z.literal('withdrawal'), campaignId: z.string(), record: WithdrawalSchema }),
]);
export type ApprovalRecord = z.infer<typeof ApprovalRecordSchema>;

/** Immutable history of approval requests and decisions: one item per request and kind, never overwritten. */
export interface ApprovalRecordStore {
  /** ConflictError when a record of this kind already exists for the request. */
  add(record: ApprovalRecord): Promise<void>;
  list(campaignId: string): Promise<ApprovalRecord[]>;
}

export const HashListNameSchema = z.enum(['do_not_contact', 'opt_out', 'recently_messaged']);
export type HashListName = z.infer<typeof HashListNameSchema>;

/** A keyed hash (HMAC-SHA-256 hex, see keyedHash) on a list; `expiresAt` only for the frequency cap. */
export interface HashListEntry {
  hash: string;
  expiresAt?: string;
}

/** Exclusion lists as keyed hashes: never a plain number. */
export interface HashListStore {
  add(list: HashListName, entries: readonly HashListEntry[], at: string): Promise<void>;
  remove(list: HashListName, hashes: readonly string[]): Promise<void>;
  /** Every hash on the list that has not expired at `now`. */
  hashes(list: HashListName, now: Date): Promise<Set<string>>;
  /** Deletes the entries that expired at `now` (frequency cap) and returns how many; TTL is only a backstop. */
  purgeExpired(list: HashListName, now: Date): Promise<number>;
}

/** The campaign blueprints of `campaigns/`. */
export interface BlueprintCatalog {
  list(): Promise<Blueprint[]>;
  get(id: string): Promise<Blueprint | undefined>;
}

/** Limits on contact uploads, configurable per deployment. */
export interface ContactLimits {
  maxFileBytes: number;
  maxRows: number;
}

/** A person as an external identity provider (Cognito, the municipality's own IdP) vouches for them. */
export interface ExternalIdentity {
  /** Stable id at the provider (the token's `sub`). */
  subject: string;
  username: string;
  displayName: string;
  roles: Role[];
}

/**
 * Sign-in through an external identity provider (in AWS: the Cognito hosted UI, authorization code flow
 * with PKCE). The web app keeps `state` and `verifier` in a short-lived cookie between the two steps.
 */
export interface ExternalLogin {
  begin(redirectUri: string): { url: string; state: string; verifier: string };
  /** Exchanges the code and verifies the identity; UnauthenticatedError or ForbiddenError (no role) otherwise. */
  complete(input: { code: string; verifier: string; redirectUri: string }): Promise<ExternalIdentity>;
  logoutUrl(returnTo: string): string;
}
