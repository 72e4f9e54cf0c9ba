import type { Campaign, Variant } from '../core/campaigns/campaign.schema.js';
import { estimateCampaignCost } from '../core/campaigns/sms-text.js';
import { type VariantsReport, validateVariants } from '../core/campaigns/variants.js';
import type { Acting } from './audit.js';
import { assertMayPerform, requireVisibleCampaign } from './campaign-access.js';
import { loadPolicy } from './campaign-policy.js';
import type { AppDeps } from './deps.js';

export interface VariantFeedback {
  report: VariantsReport;
  pricePerSegment: number;
  /** Upper bound for the whole campaign at the current sendable count. */
  estimate: { recipients: number; segments: number; cost: number };
  /** Per variant: the cost of one message. */
  costPerMessage: number[];
}

/** The editor's live feedback: encoding, characters to blame, segments, warnings, cost estimate. */
export function variantFeedback(
  variants: readonly Pick<Variant, 'id' | 'label' | 'text'>[],
  options: { linkLength: number; pricePerSegment: number; recipients: number },
): VariantFeedback {
  const report = validateVariants(variants, { linkLength: options.linkLength });
  const segments = report.variants.map((v) => v.analysis.segments);
  const estimate = estimateCampaignCost({
    segmentsPerVariant: segments,
    recipients: options.recipients,
    pricePerSegment: options.pricePerSegment,
  });
  return {
    report,
    pricePerSegment: options.pricePerSegment,
    estimate: { recipients: options.recipients, ...estimate },
    costPerMessage: segments.map((s) => Math.round(s * options.pricePerSegment * 10_000) / 10_000),
  };
}

/** What `analyseCampaignVariants` uses. */
export type AnalyseCampaignVariantsDeps = Pick<AppDeps, 'campaigns' | 'sending' | 'settings'>;

/** Feedback on draft texts of a campaign, without saving them (the JSON endpoint of the editor). */
export async function analyseCampaignVariants(
  deps: AnalyseCampaignVariantsDeps,
  acting: Acting,
  campaignId: string,
  variants: readonly Pick<Variant, 'id' | 'label' | 'text'>[],
): Promise<{ campaign: Campaign; feedback: VariantFeedback }> {
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  assertMayPerform(acting, 'edit', campaign.kind);
  const { settings, policy } = await loadPolicy(deps);
  return {
    campaign,
    feedback: variantFeedback(variants, {
      linkLength: policy.linkLength,
      pricePerSegment: settings.pricePerSegmentEur,
      recipients: campaign.recipients.counts?.sendable ?? 0,
    }),
  };
}
