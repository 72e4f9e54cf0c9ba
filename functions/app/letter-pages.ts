import { holds } from '../core/auth/permissions.js';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import type { Case } from '../core/campaigns/case.schema.js';
import { streetKey } from '../core/letters/address.schema.js';
import type { Round } from '../core/letters/distribution.schema.js';
import type { LetterBatch, LetterSelection } from '../core/letters/letter-records.schema.js';
import type { User } from '../core/users/user.schema.js';
import type { Acting } from './audit.js';
import { possibleResponsibles } from './cases.js';
import type { AppDeps } from './deps.js';
import { type DistributionOverview, distributionOverview, roundForDistributor } from './distribution.js';
import { areaOverview, DEFAULT_RADIUS_M } from './letter-areas.js';
import { loadLetterCampaign } from './letter-campaign.js';
import { letterPreview } from './letter-content.js';
import { getSettings } from './settings.js';

/*
 * The queries behind the letter pages: each reads what one page shows and hands it over as a view model,
 * so the pages themselves never read a store.
 */

/** Every letter campaign, most recently changed first. */
export async function letterCampaigns(deps: Pick<AppDeps, 'cases' | 'campaigns'>): Promise<Campaign[]> {
  const cases = await deps.cases.list();
  const lists = await Promise.all(cases.map((k) => deps.campaigns.listByCase(k.id)));
  return lists
    .flat()
    .filter((c) => c.kind === 'letter')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export interface LetterListModel {
  campaigns: Campaign[];
  cases: Case[];
  caseNames: Map<string, string>;
  blueprints: Awaited<ReturnType<AppDeps['blueprints']['list']>>;
  colleagues: User[];
}

/** The list of letter campaigns, with what the forms for a new letter campaign and a new case offer. */
export async function letterListModel(deps: AppDeps): Promise<LetterListModel> {
  const [campaigns, cases, blueprints, colleagues] = await Promise.all([
    letterCampaigns(deps),
    deps.cases.list(),
    deps.blueprints.list(),
    possibleResponsibles(deps),
  ]);
  return {
    campaigns,
    cases,
    caseNames: new Map(cases.map((k) => [k.id, k.name])),
    blueprints: blueprints.filter((b) => b.kind === 'letter'),
    colleagues,
  };
}

/** Where a letter campaign stands with its approval, seen by the person looking at it. */
export type LetterApprovalState =
  | { kind: 'approved'; expiresAt: string }
  | { kind: 'decide'; fingerprint: string; preview: string[] | undefined }
  | { kind: 'waiting'; responsibleName: string }
  | { kind: 'no-area' }
  | { kind: 'submit' };

export interface LetterOverviewModel {
  campaign: Campaign;
  kase: Case;
  selection: LetterSelection | undefined;
  approval: LetterApprovalState;
}

const APPROVED = new Set<Campaign['status']>(['approved', 'scheduled', 'sending', 'paused']);

/**
 * A letter campaign's overview: its case, its selection and its approval state. Only the case's responsible
 * manager is offered the decision (with the letter as it will be printed).
 */
export async function letterOverviewModel(
  deps: AppDeps,
  acting: Acting,
  input: { campaignId: string; userId: string | undefined; baseUrl: string },
): Promise<LetterOverviewModel> {
  const { campaign, kase } = await loadLetterCampaign(deps, acting, input.campaignId);
  const selection = await deps.letterSelections.get(campaign.id);
  const approvedCurrent =
    campaign.approval !== null &&
    APPROVED.has(campaign.status) &&
    campaign.approvalRequest?.recipientsFingerprint === selection?.addressesFingerprint;
  let approval: LetterApprovalState;
  if (approvedCurrent) {
    approval = { kind: 'approved', expiresAt: campaign.approval!.expiresAt };
  } else if (campaign.status === 'ready_for_approval' && kase.responsibleUserId === input.userId) {
    const preview = await letterPreview(deps, acting, { campaignId: campaign.id, baseUrl: input.baseUrl });
    approval = {
      kind: 'decide',
      fingerprint: campaign.approvalRequest?.fingerprint ?? '',
      preview: preview?.bodies,
    };
  } else if (campaign.status === 'ready_for_approval') {
    const responsible = await deps.users.get(kase.responsibleUserId);
    approval = { kind: 'waiting', responsibleName: responsible?.displayName ?? 'onbekend' };
  } else {
    approval = selection ? { kind: 'submit' } : { kind: 'no-area' };
  }
  return { campaign, kase, selection, approval };
}

export interface LetterAreaModel {
  campaign: Campaign;
  selection: LetterSelection | undefined;
  /** How many addresses the selection's streets hold. */
  addressCount: number;
  maxRadiusMetres: number;
  /** The radius a first area starts from. */
  defaultRadiusM: number;
}

/** The area page: the stored selection, its addresses and the municipality's largest radius. */
export async function letterAreaModel(
  deps: AppDeps,
  acting: Acting,
  campaignId: string,
): Promise<LetterAreaModel> {
  const { campaign } = await loadLetterCampaign(deps, acting, campaignId);
  const [{ selection, letters }, settings] = await Promise.all([
    areaOverview(deps, acting, campaign.id),
    getSettings(deps),
  ]);
  return {
    campaign,
    selection,
    addressCount: letters.length,
    maxRadiusMetres: settings.maxRadiusMetres,
    defaultRadiusM: DEFAULT_RADIUS_M,
  };
}

/**
 * Whether a street choice differs from the stored one (streets or mode): only a change can void an
 * approval, so only a change asks for confirmation.
 */
export async function streetChoiceChanges(
  deps: Pick<AppDeps, 'letterSelections'>,
  input: {
    campaignId: string;
    mode: LetterSelection['mode'];
    streets: readonly { street: string; city: string }[];
  },
): Promise<boolean> {
  const current = await deps.letterSelections.get(input.campaignId);
  if (current === undefined || current.mode !== input.mode) return true;
  const keys = (streets: readonly { street: string; city: string }[]) =>
    streets.map(streetKey).sort().join('|');
  return keys(input.streets) !== keys(current.streets);
}

/** Statuses in which a change of area or streets voids a request or an approval. */
const VOIDING: readonly Campaign['status'][] = ['ready_for_approval', 'approved', 'scheduled'];

/** The campaign whose request or approval a change of area or streets would void, or undefined. */
export async function campaignVoidedByChange(
  deps: AppDeps,
  acting: Acting,
  campaignId: string,
): Promise<Campaign | undefined> {
  const { campaign } = await loadLetterCampaign(deps, acting, campaignId);
  return VOIDING.includes(campaign.status) ? campaign : undefined;
}

export interface LetterBatchesModel {
  campaign: Campaign;
  selection: LetterSelection | undefined;
  batches: LetterBatch[];
}

/** The letters page: the selection and the batches of letters made so far. */
export async function letterBatchesModel(
  deps: AppDeps,
  acting: Acting,
  campaignId: string,
): Promise<LetterBatchesModel> {
  const { campaign } = await loadLetterCampaign(deps, acting, campaignId);
  const [selection, batches] = await Promise.all([
    deps.letterSelections.get(campaign.id),
    deps.letterBatches.list(campaign.id),
  ]);
  return { campaign, selection, batches };
}

export interface DistributionPlanningModel {
  campaign: Campaign;
  selection: LetterSelection | undefined;
  overview: DistributionOverview;
  /** The active people who carry letters, who can be put in a round's team. */
  distributors: User[];
  /** Display names of everyone in a planned team, by user id. */
  names: Map<string, string>;
}

/** The distribution page: coverage, the planned rounds and who can carry a new one. */
export async function distributionPlanningModel(
  deps: AppDeps,
  acting: Acting,
  campaignId: string,
): Promise<DistributionPlanningModel> {
  const { campaign } = await loadLetterCampaign(deps, acting, campaignId);
  const [selection, overview, users] = await Promise.all([
    deps.letterSelections.get(campaign.id),
    distributionOverview(deps, campaign.id),
    deps.users.list(),
  ]);
  return {
    campaign,
    selection,
    overview,
    distributors: users.filter((u) => !u.disabled && holds(u.roles, 'distribution.carry')),
    names: new Map(users.map((u) => [u.id, u.displayName])),
  };
}

/** A distributor's round as their page shows it, with the time that decides which deliveries can be undone. */
export async function distributorRoundModel(
  deps: AppDeps,
  acting: Acting,
  roundId: string,
): Promise<{ round: Round; now: number }> {
  const round = await roundForDistributor(deps, acting, roundId);
  return { round, now: deps.clock.now().getTime() };
}
