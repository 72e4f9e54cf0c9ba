import { DEFAULT_APPROVAL_VALIDITY_DAYS } from './approval.js';
import { DEFAULT_MAX_LINK_LENGTH } from './variants.js';

/** The municipality's rules the state machine enforces; the caller takes them from the settings. */
export interface CampaignPolicy {
  allowedHelpDomains: readonly string[];
  /** Length of the longest tracked link, for the segment count of variants. */
  linkLength: number;
  approvalValidityDays: number;
  maxRatePerSecond: number;
}

export const DEFAULT_CAMPAIGN_POLICY: Omit<CampaignPolicy, 'allowedHelpDomains'> = {
  linkLength: DEFAULT_MAX_LINK_LENGTH,
  approvalValidityDays: DEFAULT_APPROVAL_VALIDITY_DAYS,
  maxRatePerSecond: 20,
};
