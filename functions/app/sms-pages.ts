import type { AuditEvent } from '../core/audit/audit-event.schema.js';
import { holds } from '../core/auth/permissions.js';
import type { Campaign, Variant } from '../core/campaigns/campaign.schema.js';
import type { Case } from '../core/campaigns/case.schema.js';
import { findTransition } from '../core/campaigns/transitions.js';
import { maskE164 } from '../core/contacts/mask.js';
import type { ContactUpload, StagedUploadForm } from '../core/ports.js';
import type { PurgeCertificate } from '../core/retention/purge.schema.js';
import type { Acting } from './audit.js';
import { mayPerform } from './campaign-access.js';
import { caseAuditTrail } from './campaign-audit.js';
import { loadPolicy } from './campaign-policy.js';
import { displayNames, getCampaign, listApprovalQueue, requestNotFound } from './campaigns.js';
import { type PooledVariant, previousVariantResults } from './case-results.js';
import { getCase } from './cases.js';
import {
  listContactUploads,
  MAX_FILES_PER_UPLOAD,
  STAGED_FORM_SECONDS,
  stagedUploadKey,
} from './contact-uploads.js';
import type { AppDeps } from './deps.js';
import { PURGEABLE_STATUSES, purgeCertificate } from './purge.js';
import { getSettings } from './settings.js';
import { TEST_SMS_STATUSES } from './test-sms.js';
import { uploadWarnings } from './upload-warnings.js';
import { type VariantFeedback, variantFeedback } from './variant-feedback.js';

/** The dependencies a use case takes (its first parameter): a page query needs what its use cases need. */
// biome-ignore lint/suspicious/noExplicitAny: only the first parameter's type is read
type DepsOf<F extends (deps: any, ...rest: any[]) => unknown> = Parameters<F>[0];

const SAMPLE_SIZE = 5;

/**
 * Signed forms straight to staging storage, one per file (storage takes one file per post): the page's own
 * form for the first file, and the fields for the others, which the page's script posts one after another.
 */
export interface StagedContactForms {
  form: StagedUploadForm;
  more: Record<string, string>[];
}

/** What an SMS campaign's page shows, with what the person may do on it. */
export interface CampaignPageModel {
  campaign: Campaign;
  case: Case;
  /** The variants the editor shows: the stored ones, or the unsaved ones being edited. */
  variants: Variant[];
  feedback: VariantFeedback;
  previous: ReadonlyMap<string, PooledVariant>;
  uploads: ContactUpload[];
  /** Per upload id, a warning for a file without numbers or one uploaded twice. */
  uploadWarnings: Record<string, string>;
  staged: StagedContactForms | undefined;
  /** Masked examples of the recipients. */
  samples: string[];
  events: AuditEvent[];
  names: Map<string, string>;
  maxUploadMb: number;
  settingsEditable: boolean;
  contentEditable: boolean;
  maySubmit: boolean;
  /** The OM liaison gets a link to the approval request. */
  mayDecide: boolean;
  /** Whether the person may send a test SMS of this campaign now (see app/test-sms.ts). */
  mayTestSms: boolean;
  /** The retention facts of an SMS campaign (none for letters: they hold no phone numbers). */
  retention:
    | { certificate: PurgeCertificate | undefined; retentionDays: number; mayPurgeNow: boolean }
    | undefined;
}

export type CampaignPageDeps = DepsOf<typeof getCampaign> &
  DepsOf<typeof getCase> &
  DepsOf<typeof loadPolicy> &
  DepsOf<typeof listContactUploads> &
  DepsOf<typeof caseAuditTrail> &
  DepsOf<typeof displayNames> &
  DepsOf<typeof previousVariantResults> &
  DepsOf<typeof purgeCertificate> &
  DepsOf<typeof getSettings> &
  Pick<AppDeps, 'recipients' | 'uploadStaging' | 'ids' | 'contactLimits'>;

/** The signed forms for one upload of a campaign's contact files, when uploads go through staging storage. */
async function stagedContactForms(
  deps: Pick<AppDeps, 'uploadStaging' | 'ids' | 'contactLimits'>,
  acting: Acting,
  campaignId: string,
  redirectUrl: string,
): Promise<StagedContactForms | undefined> {
  const staging = deps.uploadStaging;
  if (!staging) return undefined;
  const [form, ...more] = await Promise.all(
    Array.from({ length: MAX_FILES_PER_UPLOAD }, () =>
      staging.uploadForm({
        key: stagedUploadKey({ kind: 'campaign', campaignId }, acting.actor.userId, deps.ids.next()),
        maxBytes: deps.contactLimits.maxFileBytes,
        redirectUrl,
        expiresInSeconds: STAGED_FORM_SECONDS,
        userFields: ['telefoon', 'bestandsnaam'],
      }),
    ),
  );
  return { form: form!, more: more.map((f) => f.fields) };
}

/**
 * Everything an SMS (or letter) campaign's page shows, read for the acting person. `variants` are unsaved
 * texts to show instead of the stored ones; `origin` is where staged uploads return to.
 */
export async function campaignPageModel(
  deps: CampaignPageDeps,
  acting: Acting,
  campaignId: string,
  options: { variants?: Variant[] | undefined; origin: string },
): Promise<CampaignPageModel> {
  const campaign = await getCampaign(deps, acting, campaignId);
  const found = await getCase(deps, acting, campaign.caseId);
  const { settings, policy } = await loadPolicy(deps);
  const mayEdit = mayPerform(acting, 'edit', campaign.kind);
  const contentEditable = mayEdit && findTransition(campaign.status, 'edit', 'content') !== undefined;
  const settingsEditable = mayEdit && findTransition(campaign.status, 'edit', 'settings') !== undefined;
  const maySubmit =
    mayPerform(acting, 'submit', campaign.kind) && findTransition(campaign.status, 'submit') !== undefined;
  const isSms = campaign.kind === 'sms';
  const uploads = isSms ? await listContactUploads(deps, acting, campaign.id) : [];
  const staged =
    isSms && contentEditable
      ? await stagedContactForms(
          deps,
          acting,
          campaign.id,
          `${options.origin}/campagnes/${campaign.id}/uploads/ontvangen`,
        )
      : undefined;
  const samples = isSms
    ? (await deps.recipients.sample(campaign.id, SAMPLE_SIZE)).map((r) => maskE164(r.e164))
    : [];
  const variants = options.variants ?? campaign.variants;
  const feedback = variantFeedback(variants, {
    linkLength: policy.linkLength,
    pricePerSegment: settings.pricePerSegmentEur,
    recipients: campaign.recipients.counts?.sendable ?? 0,
  });
  const events = await caseAuditTrail(deps, acting, { caseId: campaign.caseId, campaignId: campaign.id });
  const names = await displayNames(deps, [
    ...events.map((e) => e.actorUserId),
    campaign.approval?.approvedBy ?? '',
    campaign.rejection?.rejectedBy ?? '',
  ]);
  const previous = isSms ? await previousVariantResults(deps, acting, campaign) : new Map();
  let retention: CampaignPageModel['retention'];
  if (isSms) {
    const [{ certificate }, current] = await Promise.all([
      purgeCertificate(deps, acting, campaign.id),
      getSettings(deps),
    ]);
    retention = {
      certificate,
      retentionDays: current.retentionDays,
      mayPurgeNow: holds(acting.actor.roles, 'purge.now') && PURGEABLE_STATUSES.includes(campaign.status),
    };
  }
  return {
    campaign,
    case: found,
    variants,
    feedback,
    previous,
    uploads,
    uploadWarnings: uploadWarnings(uploads),
    staged,
    samples,
    events,
    names,
    maxUploadMb: Math.round(deps.contactLimits.maxFileBytes / (1024 * 1024)),
    settingsEditable,
    contentEditable,
    maySubmit,
    mayDecide: holds(acting.actor.roles, 'sms.decide'),
    mayTestSms:
      isSms && holds(acting.actor.roles, 'sms.prepare') && TEST_SMS_STATUSES.includes(campaign.status),
    retention,
  };
}

/** What the OM liaison's page of one approval request shows. */
export interface ApprovalRequestModel {
  campaign: Campaign;
  request: NonNullable<Campaign['approvalRequest']>;
  case: Case;
  names: Map<string, string>;
  /** Masked examples of the recipients, only while the request is open. */
  samples: string[];
  open: boolean;
  withdrawable: boolean;
}

export type ApprovalRequestDeps = DepsOf<typeof getCampaign> &
  DepsOf<typeof getCase> &
  DepsOf<typeof displayNames> &
  Pick<AppDeps, 'recipients'>;

/** The approval request of a campaign as its decider sees it; not found when there is none. */
export async function approvalRequestModel(
  deps: ApprovalRequestDeps,
  acting: Acting,
  campaignId: string,
): Promise<ApprovalRequestModel> {
  const campaign = await getCampaign(deps, acting, campaignId);
  const request = campaign.approvalRequest;
  if (!request) throw requestNotFound(campaign.id);
  const found = await getCase(deps, acting, campaign.caseId);
  const names = await displayNames(deps, [
    ...request.preparedBy,
    request.requestedBy,
    campaign.approval?.approvedBy ?? '',
    campaign.rejection?.rejectedBy ?? '',
  ]);
  const samples = (await deps.recipients.sample(campaign.id, SAMPLE_SIZE)).map((r) => maskE164(r.e164));
  const open = campaign.status === 'ready_for_approval';
  return {
    campaign,
    request,
    case: found,
    names,
    samples: open ? samples : [],
    open,
    withdrawable: ['approved', 'scheduled', 'sending', 'paused'].includes(campaign.status),
  };
}

/** Whether a campaign still has an approval request to decide on (after a refused decision). */
export async function hasApprovalRequest(
  deps: Pick<AppDeps, 'campaigns'>,
  campaignId: string,
): Promise<boolean> {
  return Boolean((await deps.campaigns.get(campaignId))?.approvalRequest);
}

/** What the confirmation page of purging a campaign now shows. */
export async function purgeConfirmModel(
  deps: DepsOf<typeof getCampaign> & Pick<AppDeps, 'recipients'>,
  acting: Acting,
  campaignId: string,
): Promise<{ campaign: Campaign; purgeable: boolean; recipients: number }> {
  const campaign = await getCampaign(deps, acting, campaignId);
  const purgeable = campaign.kind === 'sms' && PURGEABLE_STATUSES.includes(campaign.status);
  return { campaign, purgeable, recipients: purgeable ? await deps.recipients.count(campaign.id) : 0 };
}

/** The OM liaison's queue: the campaigns waiting for a decision, with who submitted them. */
export interface ApprovalQueueModel {
  queue: Campaign[];
  names: Map<string, string>;
}

/** The requests waiting for the acting person's decision. */
export async function approvalQueueModel(
  deps: DepsOf<typeof listApprovalQueue> & DepsOf<typeof displayNames>,
  acting: Acting,
): Promise<ApprovalQueueModel> {
  const queue = await listApprovalQueue(deps, acting);
  const names = await displayNames(
    deps,
    queue.map((q) => q.approvalRequest?.requestedBy ?? ''),
  );
  return { queue, names };
}
