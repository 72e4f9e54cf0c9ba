import * as z from 'zod';

/** E.164 as every gateway receives it: a plus, a non-zero country digit, 7 to 15 digits in all. */
export const E164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/);

/** One text message for one recipient; the only place a number travels together with a text. */
export const SmsMessageSchema = z.object({
  to: E164Schema,
  body: z.string().min(1).max(2_000),
  senderId: z.string().min(1),
  /** Highest price in USD the provider may charge for this message; above it the provider refuses. */
  maxPrice: z.number().positive().finite().optional(),
  /** A test SMS to an admin-kept test number: the local outbox marks it, a provider ignores it. */
  test: z.boolean().optional(),
});
export type SmsMessage = z.infer<typeof SmsMessageSchema>;

/**
 * Why a gateway refused a message. Every code here means the provider *proved* it did not send: a refusal is
 * never a guess. What the dispatcher does with each code lives in {@link REFUSAL_EFFECTS}.
 */
export const RefusalCodeSchema = z.enum([
  /** Rate exceeded at the provider; nothing sent, safe to try again later. */
  'throttled',
  /** The key service that encrypts the message throttled; nothing sent, safe to try again later. */
  'kms_throttled',
  /** The connection failed before a request could leave (refused, DNS); nothing sent. */
  'network_before_send',
  /** The number is on the provider's opt-out list. */
  'opted_out',
  /** The provider rejects this destination number. */
  'invalid_number',
  /** The provider rejects the request itself (parameters, sender id); every message would fail alike. */
  'invalid_request',
  /** The account's monthly SMS spend limit is used up. */
  'spend_limit',
  /** The account may not publish (permissions, credentials). */
  'not_authorised',
  /** The encryption key is disabled, missing or not accessible. */
  'kms_unavailable',
]);
export type RefusalCode = z.infer<typeof RefusalCodeSchema>;

/**
 * What happens after a refusal: try the same recipient again, fail only this recipient, or stop the whole
 * campaign because every further message would be refused the same way (the recipient goes back to pending).
 */
export const RefusalEffectSchema = z.enum(['retry', 'fail_recipient', 'pause_campaign']);
export type RefusalEffect = z.infer<typeof RefusalEffectSchema>;

/** The single table from refusal code to its effect; `transient` on an outcome must agree with `retry`. */
export const REFUSAL_EFFECTS: Readonly<Record<RefusalCode, RefusalEffect>> = {
  throttled: 'retry',
  kms_throttled: 'retry',
  network_before_send: 'retry',
  opted_out: 'fail_recipient',
  invalid_number: 'fail_recipient',
  invalid_request: 'pause_campaign',
  spend_limit: 'pause_campaign',
  not_authorised: 'pause_campaign',
  kms_unavailable: 'pause_campaign',
};

/** Whether a refusal code may be retried; the gateway adapters derive `transient` from this. */
export function isTransientRefusal(code: RefusalCode): boolean {
  return REFUSAL_EFFECTS[code] === 'retry';
}

/**
 * What a gateway knows after one send attempt.
 * - `accepted`: the provider took the message and gave it an id.
 * - `refused`: the provider proved it did not send (see {@link RefusalCodeSchema}).
 * - `unknown`: the request may have left (timeout, lost response, server error); it must never be resent
 *   automatically, because a resend could be a second message to the same person.
 * Reasons are short English texts for logs and never contain a phone number.
 */
export const GatewayOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accepted'), messageId: z.string().min(1).max(200) }),
  z.object({
    kind: z.literal('refused'),
    transient: z.boolean(),
    code: RefusalCodeSchema,
    reason: z.string().max(300),
  }),
  z.object({ kind: z.literal('unknown'), reason: z.string().max(300) }),
]);
export type GatewayOutcome = z.infer<typeof GatewayOutcomeSchema>;

/** Builds a refusal whose `transient` flag always agrees with the effect table. */
export function refused(code: RefusalCode, reason: string): GatewayOutcome {
  return { kind: 'refused', transient: isTransientRefusal(code), code, reason };
}

/**
 * Port to an SMS provider (SNS in AWS, the local outbox in the embedded runtime).
 * Why a port: the dispatcher's at-most-once rules must hold whatever provider sits behind it, and a contract
 * suite can then run the same scenarios against every implementation.
 */
export interface SmsGateway {
  /**
   * Sends one message at most once: an adapter never retries by itself. Returns an outcome instead of
   * throwing for every provider answer; a thrown error is treated by callers as `unknown`.
   */
  send(message: SmsMessage): Promise<GatewayOutcome>;
  /** Whether the provider's own opt-out list holds the number; may be cached for the lifetime of the adapter. */
  isOptedOut(e164: string): Promise<boolean>;
}
