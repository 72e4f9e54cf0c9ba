import { type CampaignPolicy, DEFAULT_CAMPAIGN_POLICY } from '../core/campaigns/policy.js';
import { trackedLinkLength } from '../core/campaigns/sms-text.js';
import type { SendingDeps } from '../core/ports.js';
import type { Settings } from '../core/settings/settings.schema.js';
import type { AppDeps } from './deps.js';
import { getSettings } from './settings.js';

/** What reading the policy uses: the settings and the platform's public address (link length). */
export type PolicyDeps = Pick<AppDeps, 'settings'> & { sending: Pick<SendingDeps, 'publicBaseUrl'> };

/** The state machine's rules from the municipality settings: allowed link domains, validity, rate. */
export function campaignPolicy(settings: Settings): CampaignPolicy {
  return {
    ...DEFAULT_CAMPAIGN_POLICY,
    allowedHelpDomains: settings.allowedLinkDomains,
    approvalValidityDays: settings.approvalValidityDays,
    maxRatePerSecond: settings.maxRatePerSecond,
  };
}

/**
 * The current settings and the policy derived from them, read once per use case. Texts are measured with
 * the tracked link as long as this platform's address makes it (never shorter than the default), so the
 * segment count shown is the one that is billed.
 */
export async function loadPolicy(deps: PolicyDeps): Promise<{ settings: Settings; policy: CampaignPolicy }> {
  const settings = await getSettings(deps);
  const policy = campaignPolicy(settings);
  const origin = deps.sending.publicBaseUrl;
  return {
    settings,
    policy: origin
      ? { ...policy, linkLength: Math.max(policy.linkLength, trackedLinkLength(origin)) }
      : policy,
  };
}
