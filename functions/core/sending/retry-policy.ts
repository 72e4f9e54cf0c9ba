import * as z from 'zod';
import { type CampaignPauseCode, CampaignPauseCodeSchema } from './dispatch-messages.js';
import type { FailureCode } from './recipient-status.js';
import {
  type GatewayOutcome,
  GatewayOutcomeSchema,
  REFUSAL_EFFECTS,
  type RefusalCode,
  type SmsGateway,
  type SmsMessage,
} from './sms-gateway.js';

export const RetryPolicySchema = z
  .object({
    /** Attempts in total for one recipient, the first included. */
    maxAttempts: z.number().int().min(1).max(10),
    baseDelayMs: z.number().int().min(1).max(60_000),
    maxDelayMs: z.number().int().min(1).max(300_000),
  })
  .refine((p) => p.baseDelayMs <= p.maxDelayMs, {
    message: 'base delay above max delay',
    path: ['baseDelayMs'],
  });
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

/** Four attempts over roughly two seconds: enough to ride out a throttling burst inside one batch. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 4_000 };

/** A random source in [0, 1); injected so that tests and the chaos run are reproducible. */
export type RandomSource = () => number;

/**
 * Delay before attempt `failedAttempt + 1`: exponential in the attempt, with "equal jitter" (half fixed, half
 * random). Why jitter: dispatchers throttled together must not retry in lock-step; why half fixed: the delay must
 * still grow, or a throttled provider sees the same pressure again.
 */
export function retryDelayMs(failedAttempt: number, policy: RetryPolicy, random: RandomSource): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(ceiling / 2 + (r * ceiling) / 2);
}

/**
 * The final disposition of one recipient's send, mapped one-to-one onto a recipient event:
 * sent → mark_sent, failed → mark_failed, unknown → mark_unknown, released → release.
 * `released` means the provider proved nothing was sent; `pause` then says why the campaign must stop.
 */
export type SendDisposition =
  | { kind: 'sent'; messageId: string; attempts: number }
  | { kind: 'failed'; code: FailureCode; reason: string; attempts: number }
  | { kind: 'unknown'; reason: string; attempts: number }
  | { kind: 'released'; reason: string; attempts: number; pause?: CampaignPauseCode };

export type RetryDecision =
  | { next: 'retry'; delayMs: number }
  | { next: 'done'; disposition: SendDisposition };

function failureCodeOf(code: RefusalCode): FailureCode {
  if (code === 'opted_out') return 'opted_out';
  if (code === 'invalid_number') return 'invalid_number';
  return 'provider_refused';
}

/**
 * What to do after attempt number `attempt` ended with `outcome`. Only an outcome that proves the request was
 * refused *and* is transient is ever retried; `unknown` ends the recipient's sending for good.
 */
export function decideAfterOutcome(
  outcome: GatewayOutcome,
  attempt: number,
  policy: RetryPolicy,
  random: RandomSource,
): RetryDecision {
  switch (outcome.kind) {
    case 'accepted':
      return { next: 'done', disposition: { kind: 'sent', messageId: outcome.messageId, attempts: attempt } };
    case 'unknown':
      return { next: 'done', disposition: { kind: 'unknown', reason: outcome.reason, attempts: attempt } };
    case 'refused': {
      const effect = REFUSAL_EFFECTS[outcome.code];
      if (effect === 'retry' && outcome.transient) {
        if (attempt < policy.maxAttempts)
          return { next: 'retry', delayMs: retryDelayMs(attempt, policy, random) };
        return {
          next: 'done',
          disposition: { kind: 'released', reason: `retries exhausted (${outcome.code})`, attempts: attempt },
        };
      }
      if (effect === 'pause_campaign') {
        const pause = CampaignPauseCodeSchema.parse(outcome.code);
        return {
          next: 'done',
          disposition: { kind: 'released', reason: outcome.reason, attempts: attempt, pause },
        };
      }
      if (effect === 'retry') {
        return { next: 'done', disposition: { kind: 'released', reason: outcome.reason, attempts: attempt } };
      }
      return {
        next: 'done',
        disposition: {
          kind: 'failed',
          code: failureCodeOf(outcome.code),
          reason: outcome.reason,
          attempts: attempt,
        },
      };
    }
  }
}

export interface SendWithRetryDeps {
  policy: RetryPolicy;
  random: RandomSource;
  sleep: (ms: number) => Promise<void>;
  /**
   * Asked before every retry; false stops with `released` (nothing was sent). Why: a pause, cancel or
   * withdrawal must take effect within one batch, also while a recipient waits for a retry.
   */
  shouldContinue?: () => boolean | Promise<boolean>;
}

/**
 * Sends one message through the gateway with bounded retries, and never sends it twice.
 * Why here and not in the adapter: the at-most-once rule must hold for every gateway; an adapter only reports
 * what happened. A gateway that throws or answers nonsense is treated as `unknown`: the request may have left.
 */
export async function sendWithRetry(
  gateway: SmsGateway,
  message: SmsMessage,
  deps: SendWithRetryDeps,
): Promise<SendDisposition> {
  for (let attempt = 1; ; attempt++) {
    let outcome: GatewayOutcome;
    try {
      const answer = GatewayOutcomeSchema.safeParse(await gateway.send(message));
      outcome = answer.success
        ? answer.data
        : { kind: 'unknown', reason: 'gateway answered an unreadable outcome' };
    } catch {
      outcome = { kind: 'unknown', reason: 'gateway threw while sending' };
    }
    const decision = decideAfterOutcome(outcome, attempt, deps.policy, deps.random);
    if (decision.next === 'done') return decision.disposition;
    await deps.sleep(decision.delayMs);
    if (deps.shouldContinue !== undefined && !(await deps.shouldContinue())) {
      return { kind: 'released', reason: 'stopped before retry', attempts: attempt };
    }
  }
}

/** The recipient event a disposition leads to, for the store's conditional write. */
export function eventForDisposition(
  d: SendDisposition,
):
  | { type: 'mark_sent'; messageId: string }
  | { type: 'mark_failed'; code: FailureCode; reason: string }
  | { type: 'mark_unknown'; reason: string }
  | { type: 'release' } {
  switch (d.kind) {
    case 'sent':
      return { type: 'mark_sent', messageId: d.messageId };
    case 'failed':
      return { type: 'mark_failed', code: d.code, reason: d.reason };
    case 'unknown':
      return { type: 'mark_unknown', reason: d.reason };
    case 'released':
      return { type: 'release' };
  }
}
