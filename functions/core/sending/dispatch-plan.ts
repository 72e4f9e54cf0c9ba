import * as z from 'zod';
import { type DispatchHoldReason, HOLD_MESSAGES } from './dispatch-messages.js';
import {
  currentSendWindowEnd,
  isSendingAllowed,
  nextSendWindowStart,
  type SendWindow,
} from './send-window.js';
import {
  nextTokenAt,
  refill,
  type TokenBucketConfig,
  type TokenBucketState,
  tokensWithin,
} from './token-bucket.js';

/**
 * The campaign as the dispatcher sees it, reduced to what decides sending. `status` is the campaign status from
 * core/campaigns; `approvalValid` is the result of its dispatch guard for the current fingerprint, re-checked by
 * the caller before every batch.
 */
export const DispatchCampaignSchema = z.object({
  status: z.string().min(1),
  withdrawn: z.boolean(),
  approvalValid: z.boolean(),
  scheduledStart: z.date().nullable(),
});
export type DispatchCampaign = z.infer<typeof DispatchCampaignSchema>;

/** Campaign statuses in which recipients may be claimed; the first claim moves `scheduled` to `sending`. */
export const DISPATCHABLE_STATUSES: readonly string[] = ['scheduled', 'sending'];

/**
 * Why the campaign itself forbids sending now, or undefined when it allows it. Why separate from
 * {@link planBatch}: the dispatcher asks this between sends, so a pause or withdrawal stops the rest of a batch.
 */
export function campaignHold(campaign: DispatchCampaign): DispatchHoldReason | undefined {
  if (campaign.withdrawn) return 'withdrawn';
  if (campaign.status === 'cancelled') return 'cancelled';
  if (campaign.status === 'paused') return 'paused';
  if (!DISPATCHABLE_STATUSES.includes(campaign.status)) return 'not_dispatchable';
  if (!campaign.approvalValid) return 'approval_invalid';
  return undefined;
}

/** Whether one more message may go out right now: the campaign allows it and the clock is inside the window. */
export function maySendNow(now: Date, campaign: DispatchCampaign, window: SendWindow): boolean {
  return (
    campaignHold(campaign) === undefined && isSendingAllowed(now, window) && !isBeforeStart(now, campaign)
  );
}

function isBeforeStart(now: Date, campaign: DispatchCampaign): boolean {
  return campaign.scheduledStart !== null && now.getTime() < campaign.scheduledStart.getTime();
}

export interface DispatchPlanInput {
  now: Date;
  campaign: DispatchCampaign;
  window: SendWindow;
  /** Recipients that can be claimed (`pending` and `resent`). */
  claimable: number;
  /** Messages the approval still allows (from core/campaigns' cap rule). */
  remainingCap: number;
  bucket: { state: TokenBucketState; config: TokenBucketConfig };
  /** The campaign's own budget, in euro; omitted when the campaign has none. */
  spend?: { soFar: number; limit: number; perMessage: number };
  /** Most single-item claims in one batch. */
  maxBatch: number;
  /** How far ahead one batch plans: it claims no more than the bucket allows within this time. */
  horizonMs: number;
  /** When this dispatcher run must stop claiming (a Lambda stops well before its timeout). */
  deadline?: Date;
}

export type DispatchPlan =
  | { action: 'claim'; count: number; startsCampaign: boolean; windowEndsAt: Date }
  | {
      action: 'wait';
      reason: 'before_start' | 'outside_window' | 'rate_limited';
      until: Date;
      message: string;
    }
  | { action: 'stop'; reason: DispatchHoldReason; message: string };

function stop(reason: DispatchHoldReason): DispatchPlan {
  return { action: 'stop', reason, message: HOLD_MESSAGES[reason] };
}

function wait(reason: 'before_start' | 'outside_window' | 'rate_limited', until: Date): DispatchPlan {
  return { action: 'wait', reason, until, message: HOLD_MESSAGES[reason] };
}

/**
 * Decides how many recipients the dispatcher claims in this batch, or why it claims none.
 * Why one pure function: every rule that can stop a message (state, approval, cap, budget, start, window, rate,
 * run deadline) is checked in one place, in a fixed order, before any recipient is claimed — and never claims
 * more than can be sent before the window closes or the run ends.
 */
export function planBatch(input: DispatchPlanInput): DispatchPlan {
  const { now, campaign, window, bucket } = input;
  const hold = campaignHold(campaign);
  if (hold !== undefined) return stop(hold);
  if (input.remainingCap <= 0) return stop('cap_reached');
  if (input.claimable <= 0) return stop('nothing_pending');
  let spendAllowance = Number.POSITIVE_INFINITY;
  if (input.spend !== undefined) {
    const { soFar, limit, perMessage } = input.spend;
    spendAllowance = perMessage > 0 ? Math.floor((limit - soFar) / perMessage + 1e-9) : spendAllowance;
    if (spendAllowance <= 0) return stop('spend_limit');
  }
  if (isBeforeStart(now, campaign) && campaign.scheduledStart !== null) {
    return wait('before_start', nextSendWindowStart(campaign.scheduledStart, window));
  }
  const windowEnd = currentSendWindowEnd(now, window);
  if (windowEnd === undefined) return wait('outside_window', nextSendWindowStart(now, window));
  const nowMs = now.getTime();
  const untilMs = Math.min(windowEnd.getTime(), input.deadline?.getTime() ?? Number.POSITIVE_INFINITY);
  if (untilMs <= nowMs) return stop('no_time_left');
  const horizon = Math.min(input.horizonMs, untilMs - nowMs);
  const byRate = tokensWithin(bucket.state, nowMs, horizon, bucket.config);
  if (byRate <= 0) {
    return wait(
      'rate_limited',
      new Date(nextTokenAt(refill(bucket.state, nowMs, bucket.config), bucket.config)),
    );
  }
  const count = Math.min(input.claimable, input.remainingCap, input.maxBatch, spendAllowance, byRate);
  return {
    action: 'claim',
    count: Math.max(0, Math.floor(count)),
    startsCampaign: campaign.status === 'scheduled',
    windowEndsAt: windowEnd,
  };
}
