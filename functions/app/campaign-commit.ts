import type { CampaignActionResult } from '../core/campaigns/action-step.js';
import { LETTER_DECISIONS } from '../core/campaigns/approval.js';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import type { CampaignCommand } from '../core/campaigns/campaign-command.schema.js';
import { applyCampaignAction } from '../core/campaigns/lifecycle.js';
import type { ApprovalRecord } from '../core/ports.js';
import type { Acting } from './audit.js';
import { campaignNotFound } from './campaign-access.js';
import { loadPolicy, type PolicyDeps } from './campaign-policy.js';
import type { AppDeps } from './deps.js';

/*
 * Storing one step of the campaign state machine. Every use case that changes a campaign (editing, the
 * recipient set, approvals, sending) ends here, so this sits below all of them.
 */

/** What changed in the approval history between two versions of a campaign, as immutable records. */
function newRecords(before: Campaign, after: Campaign): ApprovalRecord[] {
  const records: ApprovalRecord[] = [];
  const campaignId = after.id;
  if (after.approvalRequest && after.approvalRequest.seq !== before.approvalRequest?.seq) {
    records.push({ kind: 'request', campaignId, record: after.approvalRequest });
  }
  if (after.approval && after.approval.requestSeq !== before.approval?.requestSeq) {
    records.push({ kind: 'approval', campaignId, record: after.approval });
  }
  if (after.rejection && after.rejection.requestSeq !== before.rejection?.requestSeq) {
    records.push({ kind: 'rejection', campaignId, record: after.rejection });
  }
  if (
    after.withdrawal &&
    (after.withdrawal.requestSeq !== before.withdrawal?.requestSeq ||
      after.withdrawal.at !== before.withdrawal?.at)
  ) {
    records.push({ kind: 'withdrawal', campaignId, record: after.withdrawal });
  }
  return records;
}

export type CommitCampaignActionDeps = Pick<AppDeps, 'campaigns' | 'approvals' | 'audit' | 'logger'>;

/**
 * Stores the outcome of one state-machine step: the campaign with a conditional write on the version that
 * was read (ConflictError when anyone changed it in between), then the immutable approval records, then the
 * audit events. Only the winner of a race gets past the first write, so each change is recorded once.
 */
export async function commitCampaignAction(
  deps: CommitCampaignActionDeps,
  before: Campaign,
  result: CampaignActionResult,
): Promise<Campaign> {
  if (result.events.length === 0 && result.campaign === before) return before;
  await deps.campaigns.save(result.campaign, before.version);
  for (const record of newRecords(before, result.campaign)) await deps.approvals.add(record);
  for (const event of result.events) await deps.audit.append(event);
  deps.logger.info('campaign changed', {
    campaignId: result.campaign.id,
    from: before.status,
    to: result.campaign.status,
    version: result.campaign.version,
    events: result.events.map((e) => e.action),
  });
  return result.campaign;
}

export type RunCampaignActionDeps = Pick<AppDeps, keyof CommitCampaignActionDeps | 'cases' | 'clock'> &
  PolicyDeps;

/**
 * Loads the campaign, applies one command through the core's state machine (which checks the person's
 * roles against the role table, the transition table and the action's rules) and commits the result.
 */
export async function runCampaignAction(
  deps: RunCampaignActionDeps,
  acting: Acting,
  campaignId: string,
  command: CampaignCommand,
): Promise<Campaign> {
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign) throw campaignNotFound(campaignId);
  const { policy } = await loadPolicy(deps);
  // Only a decision on a letter needs the case: its responsible manager is the one who may decide.
  const responsible =
    campaign.kind === 'letter' && LETTER_DECISIONS.includes(command.type)
      ? (await deps.cases.get(campaign.caseId))?.responsibleUserId
      : undefined;
  const result = applyCampaignAction(campaign, command, {
    actor: acting.actor,
    now: deps.clock.now(),
    policy,
    ...(responsible ? { caseResponsibleUserId: responsible } : {}),
  });
  return commitCampaignAction(deps, campaign, result);
}
