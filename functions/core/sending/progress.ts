import { currentSendWindowEnd, nextSendWindowStart, type SendWindow } from './send-window.js';

export interface CostInput {
  /** Recipients the approval covers. */
  approved: number;
  /** Messages accepted by the provider so far (sent and delivered). */
  sent: number;
  /** Messages whose outcome is unknown; counted as sent, because they may have cost money. */
  unknown: number;
  /** Segments per message of the campaign (the longest variant). */
  segmentsPerMessage: number;
  pricePerSegment: number;
  /** The provider's own figure when known (delivery logs carry a price per message); it wins over the estimate. */
  reportedSpend?: number;
}

export interface CostSummary {
  estimateTotal: number;
  soFar: number;
  /** `soFar` as a share of the estimate, 0 when there is no estimate. */
  shareOfEstimate: number;
  overEstimate: boolean;
}

function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * Cost so far against the estimate, in the currency of `pricePerSegment`, rounded to cents.
 * Why unknowns count: the dashboard must never understate what may already have been spent.
 */
export function costSummary(input: CostInput): CostSummary {
  const perMessage = input.segmentsPerMessage * input.pricePerSegment;
  const estimateTotal = cents(input.approved * perMessage);
  const soFar = cents(input.reportedSpend ?? (input.sent + input.unknown) * perMessage);
  return {
    estimateTotal,
    soFar,
    shareOfEstimate: estimateTotal > 0 ? soFar / estimateTotal : 0,
    overEstimate: soFar > estimateTotal,
  };
}

/**
 * Messages per second over a series of (time, cumulative count) samples: the slope between the first and last.
 * Why cumulative samples: the dashboard polls counts, and two readings are all it needs.
 */
export function observedRate(samples: readonly { at: Date; total: number }[]): number {
  if (samples.length < 2) return 0;
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const seconds = (last.at.getTime() - first.at.getTime()) / 1000;
  if (seconds <= 0) return 0;
  return Math.max(0, (last.total - first.total) / seconds);
}

/**
 * When the remaining messages will have gone out at `ratePerSecond`, pausing outside the send window.
 * Why it walks the windows: 600 messages at 1/s started at 19:55 finish the next morning, not at 20:05.
 * Returns undefined when nothing can be estimated (no rate) and `now` when nothing remains.
 */
export function estimateCompletion(
  now: Date,
  remaining: number,
  ratePerSecond: number,
  window: SendWindow,
): Date | undefined {
  if (remaining <= 0) return now;
  if (!(ratePerSecond > 0)) return undefined;
  let left = remaining;
  let t = now;
  for (let guard = 0; guard < 3_660; guard++) {
    const start = nextSendWindowStart(t, window);
    const end = currentSendWindowEnd(start, window);
    if (end === undefined) return undefined;
    const capacity = ((end.getTime() - start.getTime()) / 1000) * ratePerSecond;
    if (left <= capacity) return new Date(start.getTime() + Math.ceil((left / ratePerSecond) * 1000));
    left -= capacity;
    t = end;
  }
  return undefined;
}

/** Share of the approved recipients whose sending is settled, 0…1, for the progress bar. */
export function progressShare(approved: number, settled: number): number {
  if (approved <= 0) return 1;
  return Math.min(1, Math.max(0, settled / approved));
}
