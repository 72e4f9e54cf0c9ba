import type { Blueprint } from '../core/campaigns/blueprint.schema.js';
import type { Campaign, CampaignStatus } from '../core/campaigns/campaign.schema.js';
import type { CampaignChanges } from '../core/campaigns/campaign-command.schema.js';
import { createCampaign } from '../core/campaigns/create-campaign.js';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.js';
import type { ApprovalRecord } from '../core/ports.js';
import type { Acting } from './audit.js';
import {
  assertMayPerform,
  campaignNotFound,
  forbidden,
  mayViewCampaigns,
  requireVisibleCampaign,
} from './campaign-access.js';
import { type RunCampaignActionDeps, runCampaignAction } from './campaign-commit.js';
import { getCase } from './cases.js';
import type { AppDeps } from './deps.js';
import { type NotifyDeps, notifyNewTask } from './notifications.js';
import { type RefreshRecipientsDeps, refreshRecipients } from './recipient-set.js';
import { getSettings } from './settings.js';

export type CreateCampaignDeps = Pick<
  AppDeps,
  'blueprints' | 'ids' | 'clock' | 'campaigns' | 'audit' | 'cases' | 'settings'
>;

/** Creates a draft campaign of a case from a blueprint; audited as `campaign.created`. Kind-agnostic. */
export async function createCampaignFromBlueprint(
  deps: CreateCampaignDeps,
  acting: Acting,
  input: { caseId: string; blueprintId: string; name: string },
): Promise<Campaign> {
  const blueprint: Blueprint | undefined = await deps.blueprints.get(input.blueprintId);
  if (!blueprint) {
    throw new ValidationError('Unknown blueprint', {
      userMessage: 'Kies een van de beschikbare sjablonen.',
      context: { blueprintId: input.blueprintId },
    });
  }
  assertMayPerform(acting, 'edit', blueprint.kind);
  const found = await getCase(deps, acting, input.caseId);
  const name = input.name.trim() === '' ? `${blueprint.title} – ${found.name}` : input.name;
  const { campaign, events } = createCampaign({
    id: deps.ids.next(),
    caseId: found.id,
    name: name.slice(0, 120),
    blueprint,
    actor: acting.actor,
    now: deps.clock.now(),
    municipalQuietHours: (await getSettings(deps)).quietHours,
  });
  await deps.campaigns.create(campaign);
  for (const event of events) await deps.audit.append(event);
  return campaign;
}

export async function getCampaign(
  deps: Pick<AppDeps, 'campaigns'>,
  acting: Acting,
  campaignId: string,
): Promise<Campaign> {
  return requireVisibleCampaign(deps, acting, campaignId);
}

/** The campaigns of a case that the person may see. */
export async function listCaseCampaigns(
  deps: Pick<AppDeps, 'cases' | 'campaigns'>,
  acting: Acting,
  caseId: string,
): Promise<Campaign[]> {
  await getCase(deps, acting, caseId);
  return (await deps.campaigns.listByCase(caseId)).filter((c) => mayViewCampaigns(acting, c.kind));
}

/** Campaigns in any of these statuses that the person may see, most recently changed first. */
export async function listCampaignsByStatus(
  deps: Pick<AppDeps, 'campaigns'>,
  acting: Acting,
  statuses: readonly CampaignStatus[],
): Promise<Campaign[]> {
  const lists = await Promise.all(statuses.map((s) => deps.campaigns.listByStatus(s)));
  return lists
    .flat()
    .filter((c) => mayViewCampaigns(acting, c.kind))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** Editing and submitting may recompute an SMS campaign's recipient set. */
export type EditCampaignDeps = RefreshRecipientsDeps & RunCampaignActionDeps;

/**
 * Changes a campaign's texts or settings. A change to anything the approval covers voids a request or an
 * approval (the core decides); a change of the allowed countries or of the variant codes also recomputes
 * the recipient set, because sendability and variant assignment depend on them.
 */
export async function editCampaign(
  deps: EditCampaignDeps,
  acting: Acting,
  campaignId: string,
  changes: CampaignChanges,
): Promise<Campaign> {
  const before = await deps.campaigns.get(campaignId);
  if (!before) throw campaignNotFound(campaignId);
  const after = await runCampaignAction(deps, acting, campaignId, { type: 'edit', changes });
  const countriesChanged = after.allowedCountries.join() !== before.allowedCountries.join();
  const variantIdsChanged =
    after.variants.map((v) => v.id).join() !== before.variants.map((v) => v.id).join();
  if (after.kind === 'sms' && (countriesChanged || variantIdsChanged) && after.recipients.counts !== null) {
    return refreshRecipients(deps, acting, campaignId);
  }
  return after;
}

/** Submitting also tells whoever decides on it (the OM, the case's responsible manager) by mail, if they opted in. */
export type SubmitCampaignDeps = EditCampaignDeps & NotifyDeps;

/**
 * Submits the campaign for approval: first re-applies the exclusion lists (an admin may have added
 * numbers since the upload), then freezes recipients, texts, sender, link and window in a request, and
 * notifies the people who now have it as a task.
 */
export async function submitCampaign(
  deps: SubmitCampaignDeps,
  acting: Acting,
  campaignId: string,
): Promise<Campaign> {
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  assertMayPerform(acting, 'submit', campaign.kind);
  if (campaign.kind === 'sms' && campaign.recipients.counts !== null) {
    await refreshRecipients(deps, acting, campaignId);
  }
  const submitted = await runCampaignAction(deps, acting, campaignId, { type: 'submit' });
  if (submitted.status === 'ready_for_approval' && submitted.version !== campaign.version) {
    await notifyNewTask(deps, acting, {
      kind: submitted.kind === 'sms' ? 'approve_sms' : 'decide_letter',
      campaign: submitted,
    });
  }
  return submitted;
}

export interface ApproveInput {
  requestFingerprint: string;
  legalReference: string;
  confirmed: boolean;
  /** For a letter: the approver confirms it names no person, no suspect's address and no official. */
  namesNobody?: boolean;
}

/**
 * The OM liaison's approval of exactly the request they looked at (its fingerprint). Idempotent for the
 * same person and request: a double click or a retried request yields the one approval that exists, with
 * one audit event; anything else that lost a race gets the core's Dutch refusal.
 */
export async function approveCampaign(
  deps: RunCampaignActionDeps,
  acting: Acting,
  campaignId: string,
  input: ApproveInput,
): Promise<Campaign> {
  const alreadyApproved = (c: Campaign | undefined) =>
    c?.approval != null &&
    c.approval.requestFingerprint === input.requestFingerprint &&
    c.approval.approvedBy === acting.actor.userId;
  const current = await requireVisibleCampaign(deps, acting, campaignId);
  assertMayPerform(acting, 'approve', current.kind);
  if (alreadyApproved(current)) return current;
  try {
    return await runCampaignAction(deps, acting, campaignId, { type: 'approve', ...input });
  } catch (error) {
    if (error instanceof ConflictError) {
      const latest = await deps.campaigns.get(campaignId);
      if (latest && alreadyApproved(latest)) return latest;
    }
    throw error;
  }
}

/**
 * The decider's rejection of exactly the request they looked at; idempotent like the approval. Whoever
 * prepared the campaign gets it back as a task (and a mail, if they opted in).
 */
export async function rejectCampaign(
  deps: RunCampaignActionDeps & NotifyDeps,
  acting: Acting,
  campaignId: string,
  input: { requestFingerprint: string; reason: string },
): Promise<Campaign> {
  const current = await requireVisibleCampaign(deps, acting, campaignId);
  assertMayPerform(acting, 'reject', current.kind);
  const alreadyRejected = (c: Campaign | undefined) =>
    c?.status === 'rejected' &&
    c.rejection?.requestFingerprint === input.requestFingerprint &&
    c.rejection.rejectedBy === acting.actor.userId;
  if (alreadyRejected(current)) return current;
  try {
    const rejected = await runCampaignAction(deps, acting, campaignId, { type: 'reject', ...input });
    await notifyNewTask(deps, acting, { kind: 'campaign_rejected', campaign: rejected });
    return rejected;
  } catch (error) {
    if (error instanceof ConflictError && alreadyRejected(await deps.campaigns.get(campaignId))) {
      return (await deps.campaigns.get(campaignId))!;
    }
    throw error;
  }
}

/** The OM liaison withdraws an approval; sending stops at the next batch because the guard finds none. */
export async function withdrawApproval(
  deps: RunCampaignActionDeps,
  acting: Acting,
  campaignId: string,
  input: { reason: string },
): Promise<Campaign> {
  const current = await requireVisibleCampaign(deps, acting, campaignId);
  assertMayPerform(acting, 'withdraw', current.kind);
  return runCampaignAction(deps, acting, campaignId, { type: 'withdraw', reason: input.reason });
}

/** Requests waiting for a decision, for the OM liaison's list. */
export async function listApprovalQueue(
  deps: Pick<AppDeps, 'campaigns'>,
  acting: Acting,
): Promise<Campaign[]> {
  if (!(['sms', 'letter'] as const).some((kind) => mayViewCampaigns(acting, kind)))
    forbidden('see approvals');
  assertMayPerform(acting, 'approve', 'sms');
  // Letter campaigns are decided by their case's responsible manager, on the letter pages, not by the OM.
  return (await listCampaignsByStatus(deps, acting, ['ready_for_approval'])).filter((c) => c.kind === 'sms');
}

/** The immutable approval history of a campaign, oldest first. */
export async function approvalHistory(
  deps: Pick<AppDeps, 'campaigns' | 'approvals'>,
  acting: Acting,
  campaignId: string,
): Promise<ApprovalRecord[]> {
  await requireVisibleCampaign(deps, acting, campaignId);
  return deps.approvals.list(campaignId);
}

/** A user's display name for "prepared by" lines; ids of system jobs and unknown users stay as they are. */
export async function displayNames(
  deps: Pick<AppDeps, 'users'>,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(userIds)) {
    const user = id.startsWith('system:') ? undefined : await deps.users.get(id);
    names.set(id, user?.displayName ?? id);
  }
  return names;
}

export function requestNotFound(campaignId: string): NotFoundError {
  return new NotFoundError('No approval request', {
    userMessage: 'Voor deze campagne is geen verzoek om goedkeuring ingediend.',
    context: { campaignId },
  });
}
