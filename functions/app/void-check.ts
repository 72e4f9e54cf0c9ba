import type { CampaignChanges } from '../core/campaigns/campaign-command.schema.js';
import { applyCampaignAction } from '../core/campaigns/lifecycle.js';
import type { Acting } from './audit.js';
import { loadPolicy } from './campaign-policy.js';
import type { AppDeps } from './deps.js';

/** What `editWouldVoid` uses. */
export type EditWouldVoidDeps = Pick<AppDeps, 'campaigns' | 'clock' | 'sending' | 'settings'>;

/**
 * What an edit would void if it were saved now: the approval, the open request, or nothing (null). A dry
 * run of the state machine, so the answer is the one the save itself would give; an edit the state machine
 * refuses voids nothing (the save then reports why). Pages ask this first, so voiding is never silent.
 */
export async function editWouldVoid(
  deps: EditWouldVoidDeps,
  acting: Acting,
  campaignId: string,
  changes: CampaignChanges,
): Promise<'approval' | 'request' | null> {
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign) return null;
  const { policy } = await loadPolicy(deps);
  try {
    const { events } = applyCampaignAction(
      campaign,
      { type: 'edit', changes },
      { actor: acting.actor, now: deps.clock.now(), policy },
    );
    const voided = events.find((e) => e.action === 'campaign.approval_voided');
    if (voided === undefined) return null;
    return voided.details.voided === 'approval' ? 'approval' : 'request';
  } catch {
    return null;
  }
}
