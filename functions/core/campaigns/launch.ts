import type { AuditAction } from '../audit/audit-event.schema.js';
import { ReasonTextSchema } from '../audit/free-text.js';
import {
  type CampaignActionContext,
  type CampaignActionResult,
  illegal,
  invalid,
  parseOrRefuse,
  recipientCounts,
  type Transition,
  transitionTo,
} from './action-step.js';
import { assertApprovalValid, assertLaunchAllowed, isApprovalExpired } from './approval.js';
import type { Campaign } from './campaign.schema.js';
import type { CampaignCommand } from './campaign-command.schema.js';
import { campaignContentFingerprint } from './fingerprint.js';

/** Sending an approved campaign on its way and ending it: schedule, start, resume, pause, complete, cancel, expire, purge. */

/** Tolerance for a start time chosen in a browser whose clock runs slightly behind. */
const SCHEDULE_SKEW_MS = 60_000;

export function applySchedule(
  campaign: Campaign,
  command: Extract<CampaignCommand, { type: 'schedule' }>,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const to = transitionTo(campaign, 'schedule');
  const approval = assertApprovalValid(campaign, campaignContentFingerprint(campaign) ?? '', ctx.now);
  const startAt = new Date(command.startAt).getTime();
  const window = campaign.approvalRequest!.plannedWindow;
  if (startAt < ctx.now.getTime() - SCHEDULE_SKEW_MS)
    invalid('startAt', 'Het starttijdstip ligt in het verleden.');
  if (startAt < new Date(window.from).getTime() || startAt >= new Date(window.until).getTime()) {
    invalid('startAt', 'Het starttijdstip moet binnen de goedgekeurde verzendperiode liggen.');
  }
  if (startAt >= new Date(approval.expiresAt).getTime()) {
    invalid('startAt', 'Het starttijdstip ligt na het verlopen van de goedkeuring.');
  }
  const scheduledAt = new Date(Math.max(startAt, ctx.now.getTime())).toISOString();
  t.event(
    'campaign.scheduled',
    { fromStatus: campaign.status, toStatus: to, scheduledAt },
    approval.requestFingerprint,
  );
  return t.finish({ ...campaign, status: to, scheduledAt });
}

export function applyLaunch(
  campaign: Campaign,
  action: 'start' | 'resume',
  currentFingerprint: string,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const to = transitionTo(campaign, action);
  if (action === 'start' && new Date(campaign.scheduledAt!).getTime() > ctx.now.getTime()) {
    illegal(campaign, 'start', 'Het ingeplande starttijdstip is nog niet bereikt.');
  }
  const approval = assertLaunchAllowed(campaign, currentFingerprint, ctx.now);
  t.event(
    action === 'start' ? 'campaign.started' : 'campaign.resumed',
    { fromStatus: campaign.status, toStatus: to, counts: { approved: approval.approvedCount } },
    approval.requestFingerprint,
  );
  return t.finish({ ...campaign, status: to });
}

export function applySimple(
  campaign: Campaign,
  action: 'pause' | 'complete' | 'cancel' | 'expire' | 'purge',
  ctx: CampaignActionContext,
  t: Transition,
  reasonInput?: string,
): CampaignActionResult {
  const to = transitionTo(campaign, action);
  if (action === 'expire' && !isApprovalExpired(campaign, ctx.now)) {
    illegal(campaign, 'expire', 'De goedkeuring is nog geldig.');
  }
  const reason =
    reasonInput === undefined || reasonInput.trim() === ''
      ? undefined
      : parseOrRefuse(ReasonTextSchema, reasonInput, 'reason');
  const auditAction: Record<typeof action, AuditAction> = {
    pause: 'campaign.paused',
    complete: 'campaign.completed',
    cancel: 'campaign.cancelled',
    expire: 'campaign.expired',
    purge: 'campaign.purged',
  };
  t.event(
    auditAction[action],
    {
      fromStatus: campaign.status,
      toStatus: to,
      reason,
      counts: action === 'purge' ? recipientCounts(campaign) : undefined,
    },
    campaign.approval?.requestFingerprint ?? campaignContentFingerprint(campaign),
  );
  return t.finish({ ...campaign, status: to });
}
