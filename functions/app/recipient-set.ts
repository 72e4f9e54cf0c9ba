import { IllegalTransitionError } from '../core/campaigns/campaign.errors.js';
import {
  CAMPAIGN_STATUS_LABELS,
  type Campaign,
  type RecipientCounts,
} from '../core/campaigns/campaign.schema.js';
import { applyCampaignAction } from '../core/campaigns/lifecycle.js';
import { findTransition } from '../core/campaigns/transitions.js';
import { combineExtractions } from '../core/contacts/combine.js';
import type { ContactsAnalysis, ExclusionResult } from '../core/contacts/contacts.schema.js';
import { applyExclusions } from '../core/contacts/exclusions.js';
import type { FileExtraction } from '../core/contacts/extraction.js';
import { keyedHasher } from '../core/contacts/fingerprint.js';
import { ConflictError, ValidationError } from '../core/errors.js';
import type { RecipientEntry } from '../core/ports.js';
import type { Acting } from './audit.js';
import { assertMayPerform, campaignNotFound } from './campaign-access.js';
import { type CommitCampaignActionDeps, commitCampaignAction } from './campaign-commit.js';
import { loadPolicy, type PolicyDeps } from './campaign-policy.js';
import type { AppDeps } from './deps.js';
import { fileExtractionOf } from './extraction-codec.js';
import { underCurrentKey } from './keyed-hash-lists.js';

/** The steps of the funnel, in order; each count is what is left after that step. */
export const FUNNEL_STEPS = [
  'found',
  'valid',
  'unique',
  'sendable',
  'after_do_not_contact',
  'after_opt_out',
  'after_recently_messaged',
] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** The exclusion reasons recorded per campaign, in funnel order. */
export const EXCLUSION_REASONS = [
  'invalid',
  'duplicate',
  'not_mobile',
  'country_not_allowed',
  'do_not_contact',
  'opt_out',
  'recently_messaged',
] as const;

/**
 * The funnel (found → valid → unique → sendable → after each exclusion list) from a campaign's stored
 * counts: every step is the previous one minus the reasons recorded for it, so the chart always adds up.
 */
export function funnelOf(counts: RecipientCounts): { step: FunnelStep; count: number }[] {
  const x = (reason: string) => counts.excluded[reason] ?? 0;
  const found = counts.imported;
  const valid = found - x('invalid');
  const unique = valid - x('duplicate');
  const sendable = unique - x('not_mobile') - x('country_not_allowed');
  const afterDnc = sendable - x('do_not_contact');
  const afterOptOut = afterDnc - x('opt_out');
  const afterRecent = afterOptOut - x('recently_messaged');
  return [
    { step: 'found', count: found },
    { step: 'valid', count: valid },
    { step: 'unique', count: unique },
    { step: 'sendable', count: sendable },
    { step: 'after_do_not_contact', count: afterDnc },
    { step: 'after_opt_out', count: afterOptOut },
    { step: 'after_recently_messaged', count: afterRecent },
  ];
}

interface ComputedSet {
  analysis: ContactsAnalysis | null;
  exclusion: ExclusionResult | null;
  counts: RecipientCounts | null;
  fingerprint: string | null;
  entries: RecipientEntry[];
}

export type ComputeRecipientSetDeps = Pick<AppDeps, 'contactUploads' | 'clock' | 'hashLists' | 'secrets'>;

/**
 * Recomputes a campaign's recipient set from the numbers stored per accepted upload (the files themselves
 * are gone), the campaign's allowed countries and the current exclusion lists.
 */
export async function computeRecipientSet(
  deps: ComputeRecipientSetDeps,
  campaign: Campaign,
): Promise<ComputedSet> {
  const uploads = (await deps.contactUploads.list(campaign.id)).filter((u) => u.accepted);
  if (uploads.length === 0) {
    return { analysis: null, exclusion: null, counts: null, fingerprint: null, entries: [] };
  }
  const extractions: FileExtraction[] = await Promise.all(
    uploads.map(async (upload) => {
      return fileExtractionOf(upload, await deps.contactUploads.extraction(campaign.id, upload.id));
    }),
  );
  const analysis = combineExtractions(extractions, {
    allowCountries: campaign.allowedCountries,
    maxRows: Number.MAX_SAFE_INTEGER,
  });
  const now = deps.clock.now();
  const [doNotContact, optOut, recentlyMessaged] = await Promise.all([
    deps.hashLists.hashes('do_not_contact', now),
    deps.hashLists.hashes('opt_out', now),
    deps.hashLists.hashes('recently_messaged', now),
  ]);
  const current = (list: ReadonlySet<string>) => underCurrentKey(list, analysis.recipients, deps.secrets);
  const exclusion = applyExclusions(
    analysis.recipients,
    {
      doNotContact: current(doNotContact),
      optOut: current(optOut),
      recentlyMessaged: current(recentlyMessaged),
    },
    deps.secrets.hmacKey,
  );
  const counts: RecipientCounts = {
    imported: analysis.numbers_found,
    valid: analysis.valid,
    sendable: exclusion.remaining.length,
    excluded: {
      invalid: analysis.excluded.invalid,
      duplicate: analysis.valid - analysis.unique,
      not_mobile: analysis.excluded.not_mobile,
      country_not_allowed: analysis.excluded.country_not_allowed,
      do_not_contact: exclusion.excluded.do_not_contact ?? 0,
      opt_out: exclusion.excluded.opt_out ?? 0,
      recently_messaged: exclusion.excluded.recently_messaged ?? 0,
    },
  };
  const sources = new Map(analysis.numbers.map((n) => [n.e164, n.sources]));
  const hash = keyedHasher(deps.secrets.hmacKey);
  const ids = exclusion.remaining.map((e164) => hash(`recipient:${e164}`).slice(0, 32));
  // No variant yet: the dispatcher assigns variants over the whole set, seeded with the approved request's
  // fingerprint (dispatch-prepare), and stores the one it sent with each claim. Assigning them here, seeded
  // with a fingerprint that every upload changes, rewrote most of the set after each phone for a value the
  // sending never read.
  const entries = exclusion.remaining.map((e164, i) => ({
    id: ids[i]!,
    e164,
    sources: sources.get(e164) ?? 1,
    variantId: null,
  }));
  return { analysis, exclusion, counts, fingerprint: exclusion.fingerprint, entries };
}

/** Refuses a recipient change while the campaign is being sent or is finished: its set is frozen then. */
export function assertRecipientsChangeable(campaign: Campaign): void {
  if (findTransition(campaign.status, 'edit', 'content') === undefined) {
    throw new IllegalTransitionError('Recipients cannot change in this status', {
      userMessage: `De ontvangers van een campagne met de status "${CAMPAIGN_STATUS_LABELS[campaign.status]}" kunnen niet meer veranderen.`,
      context: { campaignId: campaign.id, status: campaign.status },
    });
  }
}

const ATTEMPTS = 3;

export type RefreshRecipientsDeps = Pick<
  AppDeps,
  keyof ComputeRecipientSetDeps | keyof CommitCampaignActionDeps | 'recipients'
> &
  PolicyDeps;

/**
 * Recomputes the recipient set and stores it: first the campaign (a content edit through the state machine,
 * which voids any request or approval), then the recipient items. That order means a crash in between can
 * only leave a draft whose stored set differs from its fingerprint, which the dispatch guard refuses.
 * Retries when a concurrent change won the conditional write.
 */
export async function refreshRecipients(
  deps: RefreshRecipientsDeps,
  acting: Acting,
  campaignId: string,
): Promise<Campaign> {
  for (let attempt = 1; ; attempt++) {
    const campaign = await deps.campaigns.get(campaignId);
    if (!campaign) throw campaignNotFound(campaignId);
    assertMayPerform(acting, 'edit', campaign.kind);
    if (campaign.kind !== 'sms') {
      throw new ValidationError('Recipients from contact files are for SMS campaigns', {
        userMessage: 'Alleen een sms-campagne heeft contactlijsten.',
        context: { campaignId },
      });
    }
    assertRecipientsChangeable(campaign);
    const computed = await computeRecipientSet(deps, campaign);
    const { policy } = await loadPolicy(deps);
    const result = applyCampaignAction(
      campaign,
      {
        type: 'edit',
        changes: { recipients: { fingerprint: computed.fingerprint, counts: computed.counts } },
      },
      { actor: acting.actor, now: deps.clock.now(), policy },
    );
    try {
      const saved = await commitCampaignAction(deps, campaign, result);
      await deps.recipients.replace(campaignId, computed.entries);
      return saved;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
