import { isTestVariantId } from '../core/sending/test-sms.js';
import type { AppDeps } from './deps.js';

/** Where a tracked link leads, or undefined for an unknown code (the page then says nothing about it). */
export interface ClickTarget {
  url: string;
}

/** What `followTrackedLink` uses. */
export type FollowTrackedLinkDeps = Pick<AppDeps, 'campaigns' | 'clock' | 'sending'>;

/**
 * Follows a variant's tracked link: counts one click for the variant in the current hour and returns the help
 * site with `utm_campaign` and `utm_content=<variant>`. No IP, cookie or person is recorded: the counter is the
 * only trace, and it is per variant, never per recipient.
 */
export async function followTrackedLink(
  deps: FollowTrackedLinkDeps,
  code: string,
  options: { count?: boolean } = {},
): Promise<ClickTarget | undefined> {
  const link = await deps.sending.links.get(code);
  if (link === undefined) return undefined;
  const campaign = await deps.campaigns.get(link.campaignId);
  if (campaign === undefined || campaign.kind !== 'sms' || campaign.status === 'purged') return undefined;
  // A repeated click from the same address in the same window still leads to the site, uncounted.
  // A test message's link leads to the same site and never counts.
  if (options.count !== false && !isTestVariantId(link.variantId))
    await deps.sending.links.recordClick(link, deps.clock.now());
  const url = new URL(campaign.helpLink);
  url.searchParams.set('utm_source', 'sms');
  url.searchParams.set('utm_medium', 'sms');
  url.searchParams.set('utm_campaign', campaign.id);
  url.searchParams.set('utm_content', link.variantId);
  return { url: url.toString() };
}
