import * as z from 'zod';
import { ConflictError, ValidationError } from '../errors.js';
import { redactPhoneLike } from './redact.js';

/**
 * Where one recipient of a campaign stands. `claimed` is the dispatcher's lease: only one dispatcher can move
 * a recipient out of `pending`, and whatever it learns from the gateway decides the next status.
 * `resent` is a recipient an adviser chose, twice confirmed and audited, to send to again after `unknown`.
 */
export const RecipientStatusSchema = z.enum([
  'pending',
  'claimed',
  'sent',
  'failed',
  'unknown',
  'delivered',
  'resent',
]);
export type RecipientStatus = z.infer<typeof RecipientStatusSchema>;

export const RecipientEventTypeSchema = z.enum([
  'claim',
  'release',
  'mark_sent',
  'mark_failed',
  'mark_unknown',
  'receipt_delivered',
  'receipt_failed',
  'resend',
]);
export type RecipientEventType = z.infer<typeof RecipientEventTypeSchema>;

/** Who may cause an event: the dispatcher job, the delivery-receipt handler, or an adviser's explicit decision. */
export type RecipientEventActor = 'dispatcher' | 'receipt' | 'adviser';

export interface RecipientTransition {
  readonly from: readonly RecipientStatus[];
  readonly to: RecipientStatus;
  readonly actor: RecipientEventActor;
}

/**
 * The one table of allowed recipient transitions. `release` returns a claim to `pending` and is only legal when
 * the gateway proved nothing was sent (or no send was attempted). Nothing leaves `unknown` automatically: the only
 * way out is `resend`, an adviser's audited decision.
 */
export const RECIPIENT_TRANSITIONS: Readonly<Record<RecipientEventType, RecipientTransition>> = {
  claim: { from: ['pending', 'resent'], to: 'claimed', actor: 'dispatcher' },
  release: { from: ['claimed'], to: 'pending', actor: 'dispatcher' },
  mark_sent: { from: ['claimed'], to: 'sent', actor: 'dispatcher' },
  mark_failed: { from: ['claimed'], to: 'failed', actor: 'dispatcher' },
  mark_unknown: { from: ['claimed'], to: 'unknown', actor: 'dispatcher' },
  receipt_delivered: { from: ['sent'], to: 'delivered', actor: 'receipt' },
  receipt_failed: { from: ['sent'], to: 'failed', actor: 'receipt' },
  resend: { from: ['unknown'], to: 'resent', actor: 'adviser' },
};

/** Statuses in which a recipient's fate for this round is settled; the chaos test counts these. */
export const TERMINAL_STATUSES: readonly RecipientStatus[] = ['sent', 'delivered', 'failed', 'unknown'];

/** Whether a recipient's sending is settled; the dashboard's progress and the completion check rely on it. */
export function isTerminalStatus(status: RecipientStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** The statuses an event may start from: what a store puts into its conditional write. */
export function allowedSourceStatuses(event: RecipientEventType): readonly RecipientStatus[] {
  return RECIPIENT_TRANSITIONS[event].from;
}

export const FailureCodeSchema = z.enum([
  'opted_out',
  'invalid_number',
  'frequency_capped',
  'provider_refused',
  'delivery_failed',
]);
export type FailureCode = z.infer<typeof FailureCodeSchema>;

const IsoDateTime = z.iso.datetime();
const ShortText = z.string().max(300);

/** What the dispatcher stores per recipient about sending; the store adds ids, the hash and the variant. */
export const RecipientDispatchStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({
    status: z.literal('claimed'),
    claimedBy: z.string().min(1).max(200),
    claimedAt: IsoDateTime,
  }),
  z.object({ status: z.literal('sent'), messageId: z.string().min(1), sentAt: IsoDateTime }),
  z.object({
    status: z.literal('failed'),
    code: FailureCodeSchema,
    reason: ShortText,
    failedAt: IsoDateTime,
    messageId: z.string().min(1).optional(),
  }),
  z.object({ status: z.literal('unknown'), reason: ShortText, at: IsoDateTime }),
  z.object({ status: z.literal('delivered'), messageId: z.string().min(1), deliveredAt: IsoDateTime }),
  z.object({
    status: z.literal('resent'),
    decidedBy: z.string().min(1),
    decidedAt: IsoDateTime,
    auditEventId: z.string().min(1),
  }),
]);
export type RecipientDispatchState = z.infer<typeof RecipientDispatchStateSchema>;

/** An event with the data its target status needs. */
export type RecipientEvent =
  | { type: 'claim'; by: string }
  | { type: 'release' }
  | { type: 'mark_sent'; messageId: string }
  | { type: 'mark_failed'; code: FailureCode; reason: string }
  | { type: 'mark_unknown'; reason: string }
  | { type: 'receipt_delivered'; messageId: string }
  | { type: 'receipt_failed'; messageId: string; providerReason?: string }
  | {
      type: 'resend';
      decidedBy: string;
      /** The UI asks twice; both answers must be yes. */
      confirmations: readonly [boolean, boolean];
      /** The audit event that records the decision, written before this transition. */
      auditEventId: string;
    };

/**
 * Applies an event to a recipient's dispatch state, or throws a ConflictError when the table forbids it.
 * Why pure: the store applies the same rule as a conditional write, and the property tests can drive it.
 */
export function applyRecipientEvent(
  state: RecipientDispatchState,
  event: RecipientEvent,
  now: Date,
): RecipientDispatchState {
  const transition = RECIPIENT_TRANSITIONS[event.type];
  if (!transition.from.includes(state.status)) {
    throw new ConflictError(`Recipient event ${event.type} is not allowed from ${state.status}`, {
      userMessage: 'Deze ontvanger is intussen al door een andere stap verwerkt.',
      context: { event: event.type, from: state.status },
    });
  }
  if ((event.type === 'receipt_delivered' || event.type === 'receipt_failed') && state.status === 'sent') {
    if (state.messageId !== event.messageId) {
      throw new ConflictError('Receipt message id does not match the sent message', {
        userMessage: 'Dit ontvangstbericht hoort niet bij het verstuurde bericht.',
        context: { event: event.type },
      });
    }
  }
  const at = now.toISOString();
  switch (event.type) {
    case 'claim':
      return { status: 'claimed', claimedBy: event.by, claimedAt: at };
    case 'release':
      return { status: 'pending' };
    case 'mark_sent':
      return { status: 'sent', messageId: event.messageId, sentAt: at };
    case 'mark_failed':
      return { status: 'failed', code: event.code, reason: redactPhoneLike(event.reason), failedAt: at };
    case 'mark_unknown':
      return { status: 'unknown', reason: redactPhoneLike(event.reason), at };
    case 'receipt_delivered':
      return { status: 'delivered', messageId: event.messageId, deliveredAt: at };
    case 'receipt_failed':
      return {
        status: 'failed',
        code: 'delivery_failed',
        reason: redactPhoneLike(event.providerReason ?? 'delivery failed'),
        failedAt: at,
        messageId: event.messageId,
      };
    case 'resend':
      if (!event.confirmations[0] || !event.confirmations[1]) {
        throw new ValidationError('Resend needs two confirmations', {
          userMessage: 'Opnieuw versturen moet u twee keer bevestigen.',
        });
      }
      return {
        status: 'resent',
        decidedBy: event.decidedBy,
        decidedAt: at,
        auditEventId: event.auditEventId,
      };
  }
}

/** Default time after which a claim without an outcome counts as abandoned by a crashed dispatcher. */
export const DEFAULT_CLAIM_LEASE_MS = 120_000;

/**
 * Whether a claim was abandoned. Such a recipient becomes `unknown`, never `pending`: the crashed dispatcher may
 * have published just before it died, and only an adviser may decide to send again.
 */
export function isClaimStale(
  state: RecipientDispatchState,
  now: Date,
  leaseMs = DEFAULT_CLAIM_LEASE_MS,
): boolean {
  return state.status === 'claimed' && now.getTime() - Date.parse(state.claimedAt) >= leaseMs;
}
