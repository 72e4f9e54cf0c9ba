import { ActionForbiddenError } from '../core/campaigns/campaign.errors.js';
import type { Campaign, CampaignKind } from '../core/campaigns/campaign.schema.js';
import { actingRole, type CampaignAction, CampaignActionSchema } from '../core/campaigns/lifecycle.js';
import { NotFoundError } from '../core/errors.js';
import type { Acting } from './audit.js';
import type { AppDeps } from './deps.js';

/**
 * Whether the person may see campaigns of this kind: they may if any of their roles may perform any action
 * on it in the core's role table (so the OM liaison, the adviser and the admin, but not a distributor).
 */
export function mayViewCampaigns(acting: Acting, kind: CampaignKind): boolean {
  return CampaignActionSchema.options.some((action) => actingRole(acting.actor, action, kind) !== null);
}

/** Whether the person may perform `action` on campaigns of `kind`, per the core's role table. */
export function mayPerform(acting: Acting, action: CampaignAction, kind: CampaignKind): boolean {
  return actingRole(acting.actor, action, kind) !== null;
}

export function forbidden(what: string): never {
  throw new ActionForbiddenError(`Actor may not ${what}`, {
    userMessage: 'U heeft niet de rol die hiervoor nodig is.',
    context: { what },
  });
}

/** Throws ActionForbiddenError unless one of the person's roles may perform the action on this kind. */
export function assertMayPerform(acting: Acting, action: CampaignAction, kind: CampaignKind): void {
  if (!mayPerform(acting, action, kind)) forbidden(`${action} ${kind} campaigns`);
}

export function campaignNotFound(campaignId: string): NotFoundError {
  return new NotFoundError('Campaign not found', {
    userMessage: 'Deze campagne bestaat niet (meer).',
    context: { campaignId },
  });
}

/** Loads a campaign the person may see; NotFoundError otherwise, so ids of other kinds are not confirmed. */
export async function requireVisibleCampaign(
  deps: Pick<AppDeps, 'campaigns'>,
  acting: Acting,
  campaignId: string,
): Promise<Campaign> {
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign) throw campaignNotFound(campaignId);
  if (!mayViewCampaigns(acting, campaign.kind)) forbidden('view campaigns');
  return campaign;
}
