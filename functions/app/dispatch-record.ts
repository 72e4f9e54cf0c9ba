import { applyCampaignAction } from '../core/campaigns/lifecycle.js';
import { ConflictError } from '../core/errors.js';
import { CAMPAIGN_PAUSE_MESSAGES, type CampaignPauseCode } from '../core/sending/dispatch-messages.js';
import type { DispatchStatus } from '../core/sending/ports.js';
import { systemActing } from './audit.js';
import { commitCampaignAction } from './campaign-commit.js';
import { elapsedSince, type Run } from './dispatch-run.js';

/** Pauses a campaign the provider stopped (throttling, account limits) and says why on the dashboard. */
export async function pauseCampaign(run: Run, campaignId: string, code: CampaignPauseCode): Promise<void> {
  const { deps } = run;
  const campaign = await deps.campaigns.get(campaignId);
  if (campaign?.status === 'sending') {
    try {
      const result = applyCampaignAction(
        campaign,
        { type: 'pause' },
        { actor: systemActing('dispatcher').actor, now: deps.clock.now(), policy: run.policy },
      );
      await commitCampaignAction(deps, campaign, result);
      run.report.paused.push(campaignId);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  deps.logger.warn('campaign paused by the provider', { campaignId, code });
  await recordStatus(run, campaignId, 'paused', CAMPAIGN_PAUSE_MESSAGES[code], null, true);
}

const SAMPLES = 12;
const STATUS_EVERY_MS = 5_000;

/**
 * Writes what the dispatcher decided for the dashboard, with a reading of the settled count for the rate.
 * Throttled (real time) unless the decision changed: the count reads the status index.
 */
export async function recordStatus(
  run: Run,
  campaignId: string,
  hold: string | null,
  message: string | null,
  until: Date | null,
  force = false,
): Promise<void> {
  const { deps } = run;
  const prepared = run.prepared.get(campaignId);
  const key = `${hold}|${message}|${until?.toISOString()}`;
  const last = prepared?.lastStatus;
  if (!force && last !== undefined && last.key === key && elapsedSince(last.at) < STATUS_EVERY_MS) return;
  if (prepared) prepared.lastStatus = { key, at: performance.now() };
  const now = deps.clock.now();
  const counts = await deps.recipients.countByStatus(campaignId, ['sent', 'delivered', 'failed', 'unknown']);
  const before = await deps.sending.dispatchStatus.get(campaignId);
  const total = counts.sent + counts.delivered + counts.failed + counts.unknown;
  const samples = [...(before?.samples ?? []), { at: now.toISOString(), total }].slice(-SAMPLES);
  const status: DispatchStatus = {
    campaignId,
    at: now.toISOString(),
    hold,
    message,
    until: until === null ? null : until.toISOString(),
    samples,
  };
  await deps.sending.dispatchStatus.put(status);
}
