import { roleFor } from '../core/auth/permissions.js';
import { IllegalTransitionError } from '../core/campaigns/campaign.errors.js';
import {
  CAMPAIGN_STATUS_LABELS,
  type Campaign,
  type CampaignStatus,
} from '../core/campaigns/campaign.schema.js';
import { applyCampaignAction } from '../core/campaigns/lifecycle.js';
import { ConflictError, ValidationError } from '../core/errors.js';
import type { HashListName } from '../core/ports.js';
import {
  type PurgeCertificate,
  type PurgeCounts,
  PurgeKindSchema,
  type PurgeOrder,
  type PurgeSnapshot,
  type RecipientGroup,
} from '../core/retention/purge.schema.js';
import { RecipientStatusSchema } from '../core/sending/recipient-status.js';
import type { Acting } from './audit.js';
import { forbidden, requireVisibleCampaign } from './campaign-access.js';
import { loadPolicy, type PolicyDeps } from './campaign-policy.js';
import type { AppDeps } from './deps.js';

/** What the purge uses: the campaigns' personal data it deletes, the snapshot it keeps, the audit log. */
export type PurgeDeps = Pick<
  AppDeps,
  | 'audit'
  | 'campaigns'
  | 'clock'
  | 'contactUploads'
  | 'hashLists'
  | 'logger'
  | 'recipients'
  | 'retention'
  | 'settings'
> &
  PolicyDeps;

/** Who may order "nu verwijderen" (the issue: the admin or the OM liaison). */

/** Statuses the state machine lets a campaign be purged from. */
export const PURGEABLE_STATUSES: readonly CampaignStatus[] = [
  'draft',
  'rejected',
  'expired',
  'completed',
  'cancelled',
];

/** The identity that performs every purge, also the one ordered by a person. */
export const RETENTION_JOB = 'system:retention';

/** Items deleted per batch: small enough that a crash loses little work, large enough to be quick. */
const BATCH = 500;

/** Lists whose entries expire (the frequency cap) and are deleted explicitly by the nightly job. */
const EXPIRING_LISTS: readonly HashListName[] = ['recently_messaged'];

/** Options of the step-by-step purge. */
export interface PurgeRunOptions {
  /** Items deleted per batch (and counted per counter update). */
  batchSize?: number;
}

export interface PurgeJobReport {
  /** Campaigns purged (or finished) by this run. */
  purged: string[];
  failed: { campaignId: string; error: string }[];
  /** Frequency-cap entries whose window had passed, deleted. */
  expiredHashes: number;
}

/**
 * "Nu verwijderen": the admin or the OM liaison purges one SMS campaign now, after an explicit
 * confirmation. Never while it is scheduled or being sent: cancel first, so the dispatcher cannot be
 * holding a number the purge deletes. Idempotent: a second click returns the one certificate.
 */
export async function purgeCampaign(
  deps: PurgeDeps,
  acting: Acting,
  campaignId: string,
  options: { confirm: boolean },
): Promise<PurgeCertificate> {
  const role = roleFor(acting.actor.roles, 'purge.now');
  if (role === undefined) forbidden('purge campaigns');
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  assertPurgeable(campaign);
  if (campaign.status !== 'purged' && !options.confirm) {
    throw new ValidationError('Purge needs confirmation', {
      userMessage:
        'Bevestig dat alle telefoonnummers van deze campagne nu definitief verwijderd mogen worden.',
      context: { campaignId },
    });
  }
  return runPurge(deps, campaign, { userId: acting.actor.userId, role });
}

/**
 * The nightly retention job: purges every SMS campaign whose retention period has passed, finishes purges
 * an earlier run left halfway, and deletes expired frequency-cap entries. A failing campaign does not stop
 * the others; the report lists it and the caller decides (the Lambda handler fails so the alarm fires).
 */
export async function purgeDueCampaigns(
  deps: PurgeDeps,
  now: Date = deps.clock.now(),
): Promise<PurgeJobReport> {
  const { settings } = await loadPolicy(deps);
  const cutoff = now.getTime() - settings.retentionDays * 86_400_000;
  const report: PurgeJobReport = { purged: [], failed: [], expiredHashes: 0 };
  const order: PurgeOrder = { userId: RETENTION_JOB, role: 'system' };
  const candidates = (
    await Promise.all([...PURGEABLE_STATUSES, 'purged' as const].map((s) => deps.campaigns.listByStatus(s)))
  )
    .flat()
    .filter((c) => c.kind === 'sms');
  for (const campaign of candidates) {
    try {
      if (campaign.status === 'purged') {
        const certificate = await deps.retention.records.certificate(campaign.id);
        if (certificate?.auditEventId != null) continue;
        await runPurge(deps, campaign, order);
        report.purged.push(campaign.id);
      } else if (await isDue(deps, campaign, cutoff)) {
        await runPurge(deps, campaign, order);
        report.purged.push(campaign.id);
      }
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      deps.logger.error('purge of a campaign failed', { campaignId: campaign.id, error: name });
      report.failed.push({ campaignId: campaign.id, error: name });
    }
  }
  for (const list of EXPIRING_LISTS) report.expiredHashes += await deps.hashLists.purgeExpired(list, now);
  deps.logger.info('purge job finished', {
    purged: report.purged.length,
    failed: report.failed.length,
    expiredHashes: report.expiredHashes,
  });
  return report;
}

/**
 * Whether the retention period of a campaign has passed. Completed and cancelled campaigns count from the
 * moment they ended (their last change: nothing can change them after that); the others only when they hold
 * recipient data, counted from the last upload or change.
 */
async function isDue(deps: PurgeDeps, campaign: Campaign, cutoff: number): Promise<boolean> {
  const changed = Date.parse(campaign.updatedAt);
  if (campaign.status === 'completed' || campaign.status === 'cancelled') return changed <= cutoff;
  const uploads = await deps.contactUploads.list(campaign.id);
  if (uploads.length === 0 && campaign.recipients.counts === null) return false;
  const lastUpload = Math.max(0, ...uploads.map((u) => Date.parse(u.uploadedAt)));
  return Math.max(changed, lastUpload) <= cutoff;
}

function assertPurgeable(campaign: Campaign): void {
  if (campaign.kind !== 'sms') {
    throw new ValidationError('Only SMS campaigns hold phone numbers', {
      userMessage: 'Een wijkbericht bevat geen telefoonnummers; er is niets te verwijderen.',
      context: { campaignId: campaign.id },
    });
  }
  if (campaign.status === 'purged' || PURGEABLE_STATUSES.includes(campaign.status)) return;
  const running = ['scheduled', 'sending', 'paused'].includes(campaign.status);
  throw new IllegalTransitionError(`Cannot purge in status ${campaign.status}`, {
    userMessage: running
      ? 'Deze campagne is ingepland of wordt verstuurd. Annuleer eerst de verzending; daarna kunt u de nummers verwijderen.'
      : `Een campagne met de status "${CAMPAIGN_STATUS_LABELS[campaign.status]}" kunt u niet verwijderen. Annuleer haar eerst.`,
    context: { campaignId: campaign.id, status: campaign.status },
  });
}

/**
 * The purge of one campaign, every step idempotent so that a run killed anywhere and run again ends in the
 * same state with one certificate: snapshot the aggregates (once), delete the numbers, transition to
 * `purged`, then write whichever of certificate and audit event is still missing.
 */
export async function runPurge(
  deps: PurgeDeps,
  campaign: Campaign,
  order: PurgeOrder,
  options: PurgeRunOptions = {},
): Promise<PurgeCertificate> {
  const snapshot =
    (await deps.retention.records.snapshot(campaign.id)) ??
    (await deps.retention.records.saveSnapshot(await takeSnapshot(deps, campaign, order)));
  let current = campaign;
  if (current.status !== 'purged') {
    await deleteRecipientData(deps, current, options.batchSize ?? BATCH);
    current = await transitionToPurged(deps, current);
  }
  return ensureCertificate(deps, current, snapshot);
}

/** The aggregates that must survive the purge, counted before anything is deleted. */
async function takeSnapshot(deps: PurgeDeps, campaign: Campaign, order: PurgeOrder): Promise<PurgeSnapshot> {
  const uploads = await deps.contactUploads.list(campaign.id);
  return {
    campaignId: campaign.id,
    caseId: campaign.caseId,
    fromStatus: campaign.status,
    takenAt: deps.clock.now().toISOString(),
    orderedBy: order,
    groups: await liveGroups(deps, campaign.id),
    recipientCounts: campaign.recipients.counts,
    uploads: uploads.length,
    deleted: Object.fromEntries(PurgeKindSchema.options.map((k) => [k, 0])),
  };
}

/**
 * Deletes every phone number of the campaign: first the local outbox's messages to them (matched by number,
 * so the numbers are collected before they go), then the numbers extracted per file, then the recipient
 * items, in batches whose counts are added to the snapshot as they go; finally the file names and phone
 * labels of the upload reports, which may name a person.
 */
async function deleteRecipientData(deps: PurgeDeps, campaign: Campaign, batchSize: number): Promise<void> {
  const records = deps.retention.records;
  const uploads = await deps.contactUploads.list(campaign.id);
  if (deps.retention.outbox) {
    const numbers = new Set((await deps.recipients.list(campaign.id)).map((r) => r.e164));
    for (const upload of uploads) {
      for (const e164 of (await deps.contactUploads.extraction(campaign.id, upload.id)).e164s)
        numbers.add(e164);
    }
    const { messages, receipts } = await deps.retention.outbox.deleteMessagesTo(numbers);
    await records.addDeleted(campaign.id, { outbox_messages: messages, outbox_receipts: receipts });
  }
  for (const upload of uploads) {
    for (;;) {
      const n = await deps.contactUploads.deleteExtraction(campaign.id, upload.id, batchSize);
      if (n === 0) break;
      await records.addDeleted(campaign.id, { extraction_items: n });
    }
  }
  for (;;) {
    const n = await deps.recipients.deleteBatch(campaign.id, batchSize);
    if (n === 0) break;
    await records.addDeleted(campaign.id, { recipient_items: n });
  }
  const labels = new Map<string, string>();
  let redacted = 0;
  for (const upload of uploads) {
    const label = labels.get(upload.report.source) ?? `telefoon ${labels.size + 1}`;
    labels.set(upload.report.source, label);
    if (await deps.contactUploads.redact(campaign.id, upload.id, label)) redacted++;
  }
  await records.addDeleted(campaign.id, { upload_reports_redacted: redacted });
}

/** The state machine's `purge`, performed by the retention job; a rerun finds the campaign purged already. */
async function transitionToPurged(deps: PurgeDeps, campaign: Campaign): Promise<Campaign> {
  const { policy } = await loadPolicy(deps);
  const result = applyCampaignAction(
    campaign,
    { type: 'purge' },
    { actor: { system: 'retention' }, now: deps.clock.now(), policy },
  );
  try {
    await deps.campaigns.save(result.campaign, campaign.version);
    return result.campaign;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const latest = await deps.campaigns.get(campaign.id);
    if (latest?.status === 'purged') return latest;
    throw error;
  }
}

/**
 * Writes the certificate (one per campaign, conditional put) and its `campaign.purged` audit event, each
 * only if it is missing. The audit trail is append-only without keys of its own, so the certificate records
 * the event's id; before appending, a rerun looks for an event an earlier run appended but did not record.
 */
async function ensureCertificate(
  deps: PurgeDeps,
  campaign: Campaign,
  snapshot: PurgeSnapshot,
): Promise<PurgeCertificate> {
  const records = deps.retention.records;
  let certificate = await records.certificate(campaign.id);
  if (!certificate) {
    const finalSnapshot = (await records.snapshot(campaign.id)) ?? snapshot;
    const { settings } = await loadPolicy(deps);
    certificate = await records.saveCertificate({
      campaignId: campaign.id,
      caseId: campaign.caseId,
      campaignName: campaign.name,
      fromStatus: finalSnapshot.fromStatus,
      purgedAt: campaign.updatedAt,
      performedBy: RETENTION_JOB,
      orderedBy: finalSnapshot.orderedBy,
      retentionDays: settings.retentionDays,
      deleted: deletedCounts(finalSnapshot),
      statusCounts: statusCounts(finalSnapshot.groups),
      recipientCounts: finalSnapshot.recipientCounts,
      approvalFingerprint: campaign.approval?.requestFingerprint ?? null,
      legalReference: campaign.approval?.legalReference ?? null,
      auditEventId: null,
    });
  }
  if (certificate.auditEventId !== null) return certificate;
  const existing = (
    await deps.audit.list({ caseId: campaign.caseId, campaignId: campaign.id, action: 'campaign.purged' })
  ).find((e) => e.subjectId === campaign.id);
  const event =
    existing ??
    (await deps.audit.append({
      at: certificate.purgedAt,
      actorUserId: certificate.orderedBy.userId,
      actorRole: certificate.orderedBy.role,
      action: 'campaign.purged',
      subjectType: 'campaign',
      subjectId: campaign.id,
      caseId: campaign.caseId,
      campaignId: campaign.id,
      fingerprint: certificate.approvalFingerprint,
      details: {
        fromStatus: certificate.fromStatus,
        toStatus: 'purged',
        counts: { ...certificate.deleted, retention_days: certificate.retentionDays },
      },
    }));
  await records.setAuditEventId(campaign.id, event.id);
  deps.logger.info('campaign purged', {
    campaignId: campaign.id,
    deleted: certificate.deleted,
    orderedBy: certificate.orderedBy.role,
  });
  return { ...certificate, auditEventId: event.id };
}

function deletedCounts(snapshot: PurgeSnapshot): PurgeCounts {
  return Object.fromEntries(PurgeKindSchema.options.map((k) => [k, snapshot.deleted[k] ?? 0])) as PurgeCounts;
}

function statusCounts(groups: readonly RecipientGroup[]): PurgeCertificate['statusCounts'] {
  const counts = Object.fromEntries(RecipientStatusSchema.options.map((s) => [s, 0])) as Record<
    (typeof RecipientStatusSchema.options)[number],
    number
  >;
  for (const g of groups) counts[g.status] += g.count;
  return counts;
}

/**
 * The recipient figures of a campaign as the dashboard groups them: live from the recipient items, or
 * from the purge snapshot once the numbers are gone, so a purged campaign shows the same figures.
 */
export async function recipientGroups(deps: PurgeDeps, campaign: Campaign): Promise<RecipientGroup[]> {
  if (campaign.status === 'purged') {
    return (await deps.retention.records.snapshot(campaign.id))?.groups ?? [];
  }
  return liveGroups(deps, campaign.id);
}

async function liveGroups(deps: PurgeDeps, campaignId: string): Promise<RecipientGroup[]> {
  const groups = new Map<string, RecipientGroup>();
  for (const row of await deps.recipients.summary(campaignId)) {
    const key = `${row.status}|${row.variantId ?? ''}|${row.hasMessage}`;
    const group = groups.get(key) ?? { ...row, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The certificate of a purged campaign, for the campaign page and the exports. */
export async function purgeCertificate(
  deps: PurgeDeps,
  acting: Acting,
  campaignId: string,
): Promise<{ campaign: Campaign; certificate: PurgeCertificate | undefined }> {
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  return { campaign, certificate: await deps.retention.records.certificate(campaignId) };
}
