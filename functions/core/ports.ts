/**
 * The ports: every external system the application talks to, in domain terms. Each has a real AWS adapter
 * and a real local adapter in functions/adapters; a contract suite in test/contract runs against both
 * where they can run here.
 */
import type {
  AuditAction,
  AuditEvent,
  AuditEventDraft,
  AuditSubjectType,
} from './audit/audit-event.schema.js';
import type { Session } from './auth/session.js';
import type { StreetRef } from './letters/address.schema.js';
import type { Round, RoundStreet } from './letters/distribution.schema.js';
import type { LetterBatch, LetterSelection, WebVersion } from './letters/letter-records.schema.js';
import type { Settings } from './settings/settings.schema.js';
import type { User } from './users/user.schema.js';

export type { Clock, Ids } from './clock.js';
export type { AddressSource, PdfRenderer } from './letters/ports.js';

/** Platform secrets: the session-cookie signing key and the HMAC key for keyed-hash lists. */
export interface Secrets {
  sessionKey: string;
  hmacKey: Uint8Array;
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
export interface LoginThrottleStore {
  failures(username: string, windowKey: string): Promise<number>;
  recordFailure(username: string, windowKey: string, expiresAt: Date): Promise<number>;
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
  /** Adds one open to the street's counter (atomic ADD). */
  recordOpen(code: string): Promise<void>;
}
