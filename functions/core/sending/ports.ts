import * as z from 'zod';
import type { RecipientDispatchState, RecipientEvent, RecipientStatus } from './recipient-status.js';
import type { SmsGateway } from './sms-gateway.js';
import type { TestSmsStore } from './test-sms.js';

/** One recipient as the dispatcher works on it: ids, the number (only to send), the variant and the state. */
export interface RecipientDispatchRecord {
  campaignId: string;
  id: string;
  e164: string;
  variantId: string | null;
  state: RecipientDispatchState;
}

/**
 * Extra conditions on a recipient transition: a dispatcher records an outcome only on its own claim, and the
 * stale-claim sweep only on the exact claim it judged stale. `variantId` is stored with a claim.
 */
export interface TransitionGuard {
  claimedBy?: string;
  claimedAt?: string;
  variantId?: string;
}

/**
 * The sending module's operations on recipient items: single-item conditional writes that apply one row of
 * the recipient transition table each. Why conditional: two dispatchers, a crash sweep and a receipt can
 * race on one recipient, and exactly one of them may win (the others get a ConflictError).
 */
export interface RecipientDispatchStore {
  /** Recipients of a campaign in one status (byStatus index), up to `limit`. */
  listByStatus(
    campaignId: string,
    status: RecipientStatus,
    limit: number,
  ): Promise<RecipientDispatchRecord[]>;
  /** How many recipients are in each status (every status present; only `statuses` are counted, the rest are 0). */
  countByStatus(
    campaignId: string,
    statuses?: readonly RecipientStatus[],
  ): Promise<Record<RecipientStatus, number>>;
  /**
   * Status and variant of every recipient, and whether a provider message id exists, without numbers: for the
   * dashboard's per-variant figures (a failure with a message id failed after it was sent).
   */
  summary(
    campaignId: string,
  ): Promise<{ status: RecipientStatus; variantId: string | null; hasMessage: boolean }[]>;
  /**
   * Applies `event` as a conditional write on the statuses the table allows and returns the state written;
   * ConflictError when it lost.
   */
  transition(
    campaignId: string,
    recipientId: string,
    event: RecipientEvent,
    now: Date,
    guard?: TransitionGuard,
  ): Promise<RecipientDispatchState>;
  /** The recipient a provider message id belongs to (byMessageId index). */
  findByMessageId(messageId: string): Promise<RecipientDispatchRecord | undefined>;
}

export const TrackedLinkSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{6,24}$/),
  campaignId: z.string().min(1),
  variantId: z.string().min(1),
  createdAt: z.iso.datetime(),
});
export type TrackedLink = z.infer<typeof TrackedLinkSchema>;

/** Clicks of one variant in one hour: the only thing a click leaves behind. */
export const ClickCountSchema = z.object({
  variantId: z.string().min(1),
  /** The hour in UTC, `YYYY-MM-DDTHH`. */
  hour: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/),
  clicks: z.number().int().nonnegative(),
});
export type ClickCount = z.infer<typeof ClickCountSchema>;

/**
 * The tracked link per campaign variant (`/r/<code>`) and its click counters: no IP, no cookie, no person,
 * only counts per variant and hour.
 */
export interface TrackedLinkStore {
  /** The variant's code; the first call claims `newCode`, later calls (and racing ones) return the winner. */
  codeFor(campaignId: string, variantId: string, newCode: string, now: Date): Promise<TrackedLink>;
  get(code: string): Promise<TrackedLink | undefined>;
  /** Adds one click to the variant's counter of that hour (atomic ADD). */
  recordClick(link: TrackedLink, at: Date): Promise<void>;
  clicks(campaignId: string): Promise<ClickCount[]>;
}

/** What the dispatcher last decided for a campaign, so the dashboard can say why nothing is being sent. */
export const DispatchStatusSchema = z.object({
  campaignId: z.string().min(1),
  at: z.iso.datetime(),
  hold: z.string().nullable(),
  message: z.string().max(1000).nullable(),
  /** When sending goes on by itself (next window, scheduled start), if it waits. */
  until: z.iso.datetime().nullable(),
  /** Cumulative settled count with its time, last few readings: the dashboard derives the rate from them. */
  samples: z.array(z.object({ at: z.iso.datetime(), total: z.number().int().nonnegative() })).max(20),
});
export type DispatchStatus = z.infer<typeof DispatchStatusSchema>;

export interface DispatchStatusStore {
  get(campaignId: string): Promise<DispatchStatus | undefined>;
  put(status: DispatchStatus): Promise<void>;
  /**
   * Takes the one dispatcher lease for `holder` until `untilMs`: when nobody holds it, when the holder's
   * lease ran out (a run that was killed), or when `holder` holds it already. False while another live run
   * holds it.
   */
  acquireLease(holder: string, untilMs: number, nowMs: number): Promise<boolean>;
  /** Gives the lease back, if `holder` still holds it. */
  releaseLease(holder: string): Promise<void>;
}

/** One message the local outbox holds, as the outbox page shows it (the number is masked there). */
export const OutboxMessageSchema = z.object({
  messageId: z.string().min(1),
  to: z.string(),
  body: z.string(),
  senderId: z.string(),
  at: z.iso.datetime(),
  /** `accepted` is a normal message; `hung` is one the fault injection left without an answer. */
  outcome: z.enum(['accepted', 'hung']),
  receipt: z.enum(['delivered', 'failed']).nullable(),
  /** A test SMS to an admin-kept test number, never a recipient's message. */
  test: z.boolean().optional(),
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

export const OutboxSettingsSchema = z.object({
  /** Whether accepted messages get a simulated delivery receipt at all. */
  simulateReceipts: z.boolean(),
  /** Share of accepted messages that get a `delivered` receipt; the rest get `failed`. */
  deliveredShare: z.number().min(0).max(1),
  /** Time from accepting to the simulated receipt. */
  receiptDelayMs: z.number().int().min(0).max(3_600_000),
  latencyMs: z.number().int().min(0).max(60_000),
  throttleShare: z.number().min(0).max(1),
  permanentShare: z.number().min(0).max(1),
  hangShare: z.number().min(0).max(1),
  /** How long a hanging call waits before it throws (the dispatcher's own timeout usually fires first). */
  hangMs: z.number().int().min(0).max(600_000),
});
export type OutboxSettings = z.infer<typeof OutboxSettingsSchema>;

export const DEFAULT_OUTBOX_SETTINGS: OutboxSettings = {
  simulateReceipts: true,
  deliveredShare: 0.95,
  receiptDelayMs: 2_000,
  latencyMs: 0,
  throttleShare: 0,
  permanentShare: 0,
  hangShare: 0,
  hangMs: 30_000,
};

/** The embedded runtime's SMS gateway seen from the outbox page and the receipts job. */
export interface LocalOutbox extends SmsGateway {
  /** Newest first. */
  list(limit: number): Promise<OutboxMessage[]>;
  settings(): OutboxSettings;
  configure(settings: OutboxSettings): void;
  /** Receipts whose simulated delay has passed; each is handed out once. */
  takeDueReceipts(now: Date, limit: number): Promise<{ messageId: string; status: 'delivered' | 'failed' }[]>;
}

/** What the sending use cases need besides the stores every use case has. */
export interface SendingDeps {
  gateway: SmsGateway;
  /** Only in the embedded runtime. */
  outbox?: LocalOutbox;
  links: TrackedLinkStore;
  dispatchStatus: DispatchStatusStore;
  /** The admin's test numbers and the test messages waiting for the dispatcher. */
  testSms: TestSmsStore;
  /** Where `/r/<code>` and `/stop` are served, without a trailing slash. */
  publicBaseUrl: string;
}
