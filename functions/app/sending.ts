import { CAMPAIGN_STATUS_LABELS, type Campaign } from '../core/campaigns/campaign.schema.js';
import { approvalFingerprint } from '../core/campaigns/fingerprint.js';
import { analyseVariantText } from '../core/campaigns/variants.js';
import { recipientFingerprint } from '../core/contacts/fingerprint.js';
import { ConflictError, ValidationError } from '../core/errors.js';
import { HOLD_MESSAGES } from '../core/sending/dispatch-messages.js';
import { campaignHold } from '../core/sending/dispatch-plan.js';
import { costSummary, estimateCompletion, observedRate, progressShare } from '../core/sending/progress.js';
import type { RecipientStatus } from '../core/sending/recipient-status.js';
import { isSendingAllowed, nextSendWindowStart, parseSendWindow } from '../core/sending/send-window.js';
import { type Acting, audit } from './audit.js';
import { assertMayPerform, requireVisibleCampaign } from './campaign-access.js';
import { type RunCampaignActionDeps, runCampaignAction } from './campaign-commit.js';
import { loadPolicy } from './campaign-policy.js';
import type { AppDeps } from './deps.js';
import { type PurgeDeps, recipientGroups } from './purge.js';

/** The recipients' set as stored now, as an approval fingerprint: what `resume` must match. */
async function storedFingerprint(deps: Pick<AppDeps, 'recipients'>, campaign: Campaign): Promise<string> {
  const entries = await deps.recipients.list(campaign.id);
  return approvalFingerprint({
    kind: campaign.kind,
    recipientsFingerprint: entries.length === 0 ? 'none' : recipientFingerprint(entries.map((e) => e.e164)),
    variants: campaign.variants,
    senderName: campaign.senderName,
    helpLink: campaign.helpLink,
    letter: campaign.letter,
  });
}

/** What scheduling, pausing, resuming and cancelling a campaign's sending use. */
export type SendingActionDeps = RunCampaignActionDeps & Pick<AppDeps, 'recipients'>;

/**
 * Schedules the launch at `startAt` (an ISO moment) or right away (`'nu'`). The dispatcher starts the
 * campaign at the first send, inside the send window.
 */
export async function scheduleSending(
  deps: SendingActionDeps,
  acting: Acting,
  campaignId: string,
  startAt: string,
): Promise<Campaign> {
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  assertMayPerform(acting, 'schedule', campaign.kind);
  const when = startAt === 'nu' ? deps.clock.now().toISOString() : startAt;
  if (Number.isNaN(Date.parse(when))) {
    throw new ValidationError('Invalid start moment', {
      userMessage: 'Kies een geldige datum en tijd, of kies "nu".',
      context: { campaignId },
    });
  }
  return runCampaignAction(deps, acting, campaignId, {
    type: 'schedule',
    startAt: new Date(when).toISOString(),
  });
}

export async function pauseSending(
  deps: SendingActionDeps,
  acting: Acting,
  campaignId: string,
): Promise<Campaign> {
  await requireVisibleCampaign(deps, acting, campaignId);
  return runCampaignAction(deps, acting, campaignId, { type: 'pause' });
}

/** Resumes a paused campaign after checking the approval against the recipient set as stored now. */
export async function resumeSending(
  deps: SendingActionDeps,
  acting: Acting,
  campaignId: string,
): Promise<Campaign> {
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  return runCampaignAction(deps, acting, campaignId, {
    type: 'resume',
    currentFingerprint: await storedFingerprint(deps, campaign),
  });
}

/** Cancels a campaign's sending for good; the reason is required and goes into the audit trail. */
export async function cancelSending(
  deps: SendingActionDeps,
  acting: Acting,
  campaignId: string,
  reason?: string,
): Promise<Campaign> {
  await requireVisibleCampaign(deps, acting, campaignId);
  if (reason === undefined || reason.trim() === '') {
    // Cancelling stops what the OM approved and cannot be undone: the trail must say why.
    throw new ValidationError('Cancel without a reason', {
      userMessage: 'Vul de reden in waarom de campagne wordt geannuleerd.',
      context: { field: 'reason' },
    });
  }
  return runCampaignAction(deps, acting, campaignId, { type: 'cancel', reason });
}

/** What `resendUnknown` uses. */
export type ResendUnknownDeps = Pick<AppDeps, 'audit' | 'campaigns' | 'clock' | 'recipients'>;

/**
 * The adviser's decision to send again to recipients whose outcome is unknown. Asked twice in the UI, both
 * answers must be yes; audited before anything changes; the dispatcher then treats them like pending
 * recipients, under the same approval, window, rate and cap checks.
 */
export async function resendUnknown(
  deps: ResendUnknownDeps,
  acting: Acting,
  campaignId: string,
  confirmations: readonly [boolean, boolean],
): Promise<number> {
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  assertMayPerform(acting, 'resume', campaign.kind);
  if (!confirmations[0] || !confirmations[1]) {
    throw new ValidationError('Resend needs two confirmations', {
      userMessage: 'Opnieuw versturen moet u twee keer bevestigen.',
      context: { campaignId },
    });
  }
  if (campaign.status !== 'sending' && campaign.status !== 'paused') {
    throw new ValidationError('Resend only while the campaign runs', {
      userMessage: 'Opnieuw versturen kan alleen zolang de campagne loopt of gepauzeerd is.',
      context: { campaignId, status: campaign.status },
    });
  }
  const unknown = await deps.recipients.listByStatus(campaignId, 'unknown', 100_000);
  if (unknown.length === 0) return 0;
  const event = await audit(deps, acting, {
    action: 'sending.resend_confirmed',
    subjectType: 'campaign',
    subjectId: campaignId,
    caseId: campaign.caseId,
    campaignId,
    fingerprint: campaign.approval?.requestFingerprint ?? null,
    details: { counts: { recipients: unknown.length } },
  });
  let moved = 0;
  for (const r of unknown) {
    try {
      await deps.recipients.transition(
        campaignId,
        r.id,
        {
          type: 'resend',
          decidedBy: acting.actor.userId,
          confirmations: [true, true],
          auditEventId: event.id,
        },
        deps.clock.now(),
      );
      moved++;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return moved;
}

export interface VariantFigures {
  id: string;
  label: string;
  sends: number;
  deliveries: number;
  clicks: number;
  /** Clicks per send, 0…1. */
  ctr: number;
}

/** Everything the live dashboard shows; also served as JSON for the polling script. */
export interface SendingDashboard {
  campaign: { id: string; name: string; status: Campaign['status']; statusLabel: string; caseId: string };
  funnel: {
    approved: number;
    pending: number;
    claimed: number;
    sent: number;
    delivered: number;
    failed: number;
    unknown: number;
    clicks: number;
  };
  variants: VariantFigures[];
  progress: { share: number; settled: number; ratePerSecond: number; eta: string | null };
  /** When sending is outside the window: the next moment it goes on. */
  nextWindow: string | null;
  message: string | null;
  cost: { estimate: number; soFar: number; overEstimate: boolean };
  scheduledAt: string | null;
  actions: { schedule: boolean; pause: boolean; resume: boolean; cancel: boolean; resend: boolean };
  at: string;
}

/** What `sendingDashboard` uses. */
export type SendingDashboardDeps = PurgeDeps & Pick<AppDeps, 'sending'>;

/** The live figures of one SMS campaign for the adviser's dashboard: funnel, variants, progress, cost. */
export async function sendingDashboard(
  deps: SendingDashboardDeps,
  acting: Acting,
  campaignId: string,
): Promise<SendingDashboard> {
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  const now = deps.clock.now();
  const [rows, clicks, status, { settings, policy }] = await Promise.all([
    recipientGroups(deps, campaign),
    deps.sending.links.clicks(campaignId),
    deps.sending.dispatchStatus.get(campaignId),
    loadPolicy(deps),
  ]);
  const counts = Object.fromEntries(
    (['pending', 'claimed', 'sent', 'failed', 'unknown', 'delivered', 'resent'] as RecipientStatus[]).map(
      (s) => [s, 0],
    ),
  ) as Record<RecipientStatus, number>;
  const perVariant = new Map<string, { sends: number; deliveries: number; clicks: number }>(
    campaign.variants.map((v) => [v.id, { sends: 0, deliveries: 0, clicks: 0 }]),
  );
  for (const row of rows) {
    counts[row.status] += row.count;
    const figures = row.variantId === null ? undefined : perVariant.get(row.variantId);
    if (figures === undefined) continue;
    if (row.status === 'sent' || row.status === 'delivered' || (row.status === 'failed' && row.hasMessage)) {
      figures.sends += row.count;
    }
    if (row.status === 'delivered') figures.deliveries += row.count;
  }
  let totalClicks = 0;
  for (const c of clicks) {
    totalClicks += c.clicks;
    const figures = perVariant.get(c.variantId);
    if (figures) figures.clicks += c.clicks;
  }
  const approved = campaign.approval?.approvedCount ?? 0;
  const settled = counts.sent + counts.delivered + counts.failed + counts.unknown;
  const window = parseSendWindow(campaign.quietHours);
  const rate =
    status === undefined
      ? 0
      : observedRate(status.samples.map((s) => ({ at: new Date(s.at), total: s.total })));
  const remaining = counts.pending + counts.resent + counts.claimed;
  // An end time means something only once sending runs at a measured pace: before the launch, or before the
  // first messages went out, any estimate is a guess that may even fall before the planned start.
  const started =
    campaign.status === 'sending' &&
    (campaign.scheduledAt === null || new Date(campaign.scheduledAt).getTime() <= now.getTime());
  const eta =
    started && remaining > 0 && rate > 0 ? estimateCompletion(now, remaining, rate, window) : undefined;
  const segments = Math.max(
    1,
    ...campaign.variants.map((v) => analyseVariantText(v.text, { linkLength: policy.linkLength }).segments),
  );
  const cost = costSummary({
    approved,
    sent: counts.sent + counts.delivered + counts.failed,
    unknown: counts.unknown,
    segmentsPerMessage: segments,
    pricePerSegment: settings.pricePerSegmentEur,
  });
  const active = campaign.status === 'sending' || campaign.status === 'scheduled';
  const outside = active && !isSendingAllowed(now, window);
  const hold = campaignHold({
    status: campaign.status,
    withdrawn: campaign.withdrawal !== null && campaign.approval === null,
    approvalValid: true,
    scheduledStart: null,
  });
  // A pause the provider caused keeps its own explanation (spend limit, sender refused, …).
  const providerPause = campaign.status === 'paused' && status?.hold === 'paused' ? status.message : null;
  const message =
    campaign.status === 'completed'
      ? 'De campagne is voltooid.'
      : campaign.status === 'purged'
        ? 'De telefoonnummers van deze campagne zijn verwijderd; de cijfers hieronder zijn bewaard.'
        : providerPause !== null
          ? providerPause
          : hold !== undefined && hold !== 'not_dispatchable'
            ? HOLD_MESSAGES[hold]
            : outside
              ? HOLD_MESSAGES.outside_window
              : (status?.message ?? null);
  const mayAdvise = (action: 'schedule' | 'pause' | 'resume' | 'cancel') => {
    try {
      assertMayPerform(acting, action, campaign.kind);
      return true;
    } catch {
      return false;
    }
  };
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      statusLabel: CAMPAIGN_STATUS_LABELS[campaign.status],
      caseId: campaign.caseId,
    },
    funnel: {
      approved,
      pending: counts.pending + counts.resent,
      claimed: counts.claimed,
      sent: counts.sent + counts.delivered + counts.failed,
      delivered: counts.delivered,
      failed: counts.failed,
      unknown: counts.unknown,
      clicks: totalClicks,
    },
    variants: campaign.variants.map((v) => {
      const f = perVariant.get(v.id)!;
      return { id: v.id, label: v.label || v.id, ...f, ctr: f.sends > 0 ? f.clicks / f.sends : 0 };
    }),
    progress: {
      share: progressShare(approved, settled),
      settled,
      ratePerSecond: Math.round(rate * 100) / 100,
      eta: eta === undefined ? null : eta.toISOString(),
    },
    nextWindow: outside ? nextSendWindowStart(now, window).toISOString() : null,
    message,
    cost: { estimate: cost.estimateTotal, soFar: cost.soFar, overEstimate: cost.overEstimate },
    scheduledAt: campaign.scheduledAt,
    actions: {
      schedule: mayAdvise('schedule') && (campaign.status === 'approved' || campaign.status === 'scheduled'),
      pause: mayAdvise('pause') && campaign.status === 'sending',
      resume: mayAdvise('resume') && campaign.status === 'paused',
      cancel: mayAdvise('cancel') && ['approved', 'scheduled', 'sending', 'paused'].includes(campaign.status),
      resend:
        mayAdvise('resume') &&
        counts.unknown > 0 &&
        (campaign.status === 'sending' || campaign.status === 'paused'),
    },
    at: now.toISOString(),
  };
}
