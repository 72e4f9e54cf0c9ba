import { approvalRefusal, assertDispatchAllowed, remainingCap } from '../core/campaigns/approval.js';
import { DispatchRefusedError } from '../core/campaigns/campaign.errors.js';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import { dispatchFingerprint } from '../core/campaigns/fingerprint.js';
import { applyCampaignAction } from '../core/campaigns/lifecycle.js';
import { ConflictError } from '../core/errors.js';
import { type DispatchCampaign, planBatch } from '../core/sending/dispatch-plan.js';
import type { RecipientStatus } from '../core/sending/recipient-status.js';
import type { RandomSource } from '../core/sending/retry-policy.js';
import { tokensWithin } from '../core/sending/token-bucket.js';
import { commitCampaignAction } from './campaign-commit.js';
import { prepare } from './dispatch-prepare.js';
import { recordStatus } from './dispatch-record.js';
import { type BatchOutcome, type Run, SYSTEM_DISPATCHER } from './dispatch-run.js';
import { drainTails, sendBatch } from './dispatch-send.js';

/** Candidates read beyond a batch's size: some may be claimed by another run meanwhile. */
const LIST_SLACK = 10;

/**
 * One batch of one campaign: re-reads the campaign, re-checks its approval, cap, window and rate, then
 * starts, waits, completes or sends. Every decision it makes is recorded for the dashboard.
 */
export async function dispatchBatch(run: Run, campaignId: string): Promise<BatchOutcome> {
  const { deps, options } = run;
  // The checks below hold for the sends that start right after them: with every lane still busy with earlier
  // sends (a slow gateway), checking now would let this batch start later on an older reading.
  await run.lanes.whenFree();
  let campaign = await deps.campaigns.get(campaignId);
  if (!campaign || (campaign.status !== 'scheduled' && campaign.status !== 'sending'))
    return { kind: 'idle' };
  if (!/^https?:\/\/[^/]+/.test(deps.sending.publicBaseUrl)) {
    // Without the public address every link in the texts would be broken: send nothing rather than that.
    await recordStatus(
      run,
      campaignId,
      'not_dispatchable',
      'Het publieke webadres van het platform is niet ingesteld (PERSPECTIEF_PUBLIC_URL); er wordt niets verstuurd.',
      null,
    );
    return { kind: 'idle' };
  }
  const prepared = await prepare(run, campaign);
  const fingerprint = dispatchFingerprint(campaign, prepared.recipientsFingerprint);
  const now = deps.clock.now();
  // A bounded read instead of a count: a batch never needs more, and a short list is exact. When the list is
  // cut off, `used` is overestimated, so the cap check errs on the side of sending less; the few extra
  // (`LIST_SLACK`) keep the cap of an approved set above the batch, since its approved count is its size.
  // Bounded by what the rate allows within the batch's horizon too: at 2 messages/s a batch needs a handful.
  const wanted = Math.max(
    1,
    Math.min(
      options.maxBatch,
      tokensWithin(prepared.bucket, now.getTime(), options.horizonMs, prepared.bucketConfig),
    ),
  );
  const [pending, resent] = await Promise.all([
    deps.recipients.listByStatus(campaignId, 'pending', wanted + LIST_SLACK),
    deps.recipients.listByStatus(campaignId, 'resent', wanted + LIST_SLACK),
  ]);
  const claimable = pending.length + resent.length;
  const used = Math.max(0, prepared.total - claimable);
  const refusal = approvalRefusal(campaign, fingerprint, now);
  const dispatchCampaign: DispatchCampaign = {
    status: campaign.status,
    withdrawn: campaign.withdrawal !== null && campaign.approval === null,
    approvalValid: refusal === null,
    scheduledStart: campaign.scheduledAt === null ? null : new Date(campaign.scheduledAt),
  };
  const plan = planBatch({
    now,
    campaign: dispatchCampaign,
    window: prepared.window,
    claimable,
    remainingCap: remainingCap(campaign, used),
    bucket: { state: prepared.bucket, config: prepared.bucketConfig },
    maxBatch: options.maxBatch,
    horizonMs: options.horizonMs,
    deadline: new Date(run.deadline),
  });
  if (plan.action === 'wait') {
    await recordStatus(run, campaignId, plan.reason, plan.message, plan.until);
    return { kind: 'wait', until: plan.until.getTime() };
  }
  if (plan.action === 'stop') {
    if (plan.reason === 'nothing_pending' || plan.reason === 'cap_reached') {
      if (run.tails.size > 0) {
        // The last sends are still answering: decide once their outcomes are stored.
        await drainTails(run);
        return { kind: 'sent' };
      }
      await completeIfDone(run, campaign, await deps.recipients.countByStatus(campaignId));
    } else {
      const message =
        plan.reason === 'approval_invalid' && refusal !== null
          ? `${plan.message} (${refusalText(campaign, fingerprint, now)})`
          : plan.message;
      await recordStatus(run, campaignId, plan.reason, message, null);
    }
    return { kind: 'idle' };
  }
  if (plan.startsCampaign) {
    const started = await startCampaign(run, campaign, fingerprint);
    if (!started) return { kind: 'idle' };
    campaign = started;
  }
  try {
    assertDispatchAllowed(campaign, fingerprint, now);
  } catch (error) {
    if (!(error instanceof DispatchRefusedError)) throw error;
    await recordStatus(run, campaignId, 'approval_invalid', error.userMessage, null);
    return { kind: 'idle' };
  }
  const candidates = shuffle([...resent, ...pending], options.random);
  return sendBatch(run, campaign, prepared, plan.count, plan.windowEndsAt.getTime(), candidates);
}

function refusalText(campaign: Campaign, fingerprint: string, now: Date): string {
  try {
    assertDispatchAllowed({ ...campaign, status: 'sending' }, fingerprint, now);
    return 'onbekende reden';
  } catch (error) {
    return error instanceof DispatchRefusedError ? error.userMessage : 'onbekende reden';
  }
}

async function startCampaign(
  run: Run,
  campaign: Campaign,
  fingerprint: string,
): Promise<Campaign | undefined> {
  const { deps } = run;
  try {
    const result = applyCampaignAction(
      campaign,
      { type: 'start', currentFingerprint: fingerprint },
      { actor: SYSTEM_DISPATCHER, now: deps.clock.now(), policy: run.policy },
    );
    return await commitCampaignAction(deps, campaign, result);
  } catch (error) {
    if (error instanceof DispatchRefusedError) {
      await recordStatus(run, campaign.id, 'approval_invalid', error.userMessage, null);
      return undefined;
    }
    if (!(error instanceof ConflictError)) throw error;
    const latest = await deps.campaigns.get(campaign.id);
    return latest?.status === 'sending' ? latest : undefined;
  }
}

/**
 * Completes the campaign when nothing is left to send and no claim is open. Recipients with an unknown
 * outcome keep it open for the adviser's decision until the approved sending period ends.
 */
async function completeIfDone(
  run: Run,
  campaign: Campaign,
  counts: Record<RecipientStatus, number>,
): Promise<void> {
  const { deps } = run;
  const now = deps.clock.now();
  const windowOver =
    campaign.approvalRequest !== null &&
    now.getTime() >= Date.parse(campaign.approvalRequest.plannedWindow.until);
  const open = counts.pending + counts.resent + counts.claimed;
  if (campaign.status !== 'sending' || open > 0 || (counts.unknown > 0 && !windowOver)) {
    const message =
      counts.unknown > 0
        ? `Er staan geen ontvangers meer klaar. Van ${counts.unknown} bericht(en) is de uitkomst onbekend: beslis of u die opnieuw verstuurt.`
        : 'Er staan geen ontvangers meer klaar.';
    await recordStatus(run, campaign.id, 'nothing_pending', message, null);
    return;
  }
  try {
    const result = applyCampaignAction(
      campaign,
      { type: 'complete' },
      { actor: SYSTEM_DISPATCHER, now, policy: run.policy },
    );
    await commitCampaignAction(deps, campaign, result);
    run.report.completed.push(campaign.id);
    await recordStatus(run, campaign.id, null, 'De campagne is voltooid.', null, true);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

function shuffle<T>(items: T[], random: RandomSource): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
