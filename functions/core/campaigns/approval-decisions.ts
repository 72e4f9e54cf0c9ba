import { LegalReferenceSchema, ReasonTextSchema } from '../audit/free-text.js';
import { assertSnapshotClean } from '../letters/letter-snapshot.js';
import {
  type CampaignActionContext,
  type CampaignActionResult,
  illegal,
  invalid,
  parseOrRefuse,
  recipientCounts,
  type Transition,
  transitionTo,
  withPreparer,
} from './action-step.js';
import { actorUserId } from './actor.js';
import { approvalExpiresAt, assertFourEyes } from './approval.js';
import { StaleRequestError } from './campaign.errors.js';
import type { Approval, ApprovalRequest, Campaign } from './campaign.schema.js';
import type { CampaignCommand } from './campaign-command.schema.js';
import { campaignContentFingerprint } from './fingerprint.js';
import { validateHelpLink } from './help-link.js';
import { assertVariantsValid } from './variants.js';

/**
 * Asking for and deciding on an approval: submit, approve, reject, withdraw. Who may decide is checked before
 * these run: the role in core/auth/permissions.ts, four-eyes and the letter's responsible manager in
 * approval.ts.
 */

export function applySubmit(
  campaign: Campaign,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const to = transitionTo(campaign, 'submit');
  if (campaign.kind === 'sms') assertVariantsValid(campaign.variants, { linkLength: ctx.policy.linkLength });
  const helpLink = validateHelpLink(campaign.helpLink, ctx.policy.allowedHelpDomains);
  const { fingerprint: recipientsFingerprint, counts } = campaign.recipients;
  if (recipientsFingerprint === null || counts === null) {
    invalid(
      'recipients',
      campaign.kind === 'sms' ? 'Upload eerst de contactlijsten.' : 'Kies eerst de adressen.',
    );
  }
  if (counts.sendable === 0) invalid('recipients', 'Er zijn geen ontvangers over na de uitsluitingen.');
  if (campaign.kind === 'letter') {
    if (campaign.letterSnapshot === null) {
      invalid('letterSnapshot', 'Vul eerst in wat er is gebeurd en sla de brief op.');
    }
    assertSnapshotClean(campaign.letterSnapshot);
  }
  const window = campaign.plannedWindow;
  if (window === null) invalid('plannedWindow', 'Kies de periode waarin verstuurd mag worden.');
  if (new Date(window.until).getTime() <= ctx.now.getTime()) {
    invalid('plannedWindow', 'De gekozen verzendperiode is al voorbij. Kies een nieuwe periode.');
  }
  const normalised: Campaign = { ...campaign, helpLink };
  const preparers = withPreparer(campaign, ctx.actor);
  const request: ApprovalRequest = {
    seq: campaign.lastRequestSeq + 1,
    fingerprint: campaignContentFingerprint(normalised)!,
    recipientsFingerprint,
    variants: campaign.variants.map((v) => ({ ...v })),
    letter: campaign.letter,
    letterSnapshot: campaign.letterSnapshot,
    senderName: campaign.senderName,
    helpLink,
    counts,
    plannedWindow: window,
    preparedBy: preparers,
    requestedBy: actorUserId(ctx.actor),
    requestedAt: ctx.now.toISOString(),
  };
  t.event(
    'campaign.submitted',
    {
      fromStatus: campaign.status,
      toStatus: to,
      requestSeq: request.seq,
      counts: recipientCounts(campaign),
      variantIds: campaign.variants.map((v) => v.id),
    },
    request.fingerprint,
  );
  return t.finish({
    ...normalised,
    status: to,
    preparers,
    approvalRequest: request,
    approval: null,
    rejection: null,
    withdrawal: null,
    scheduledAt: null,
    lastRequestSeq: request.seq,
  });
}

function assertCurrentRequest(campaign: Campaign, seenFingerprint: string): ApprovalRequest {
  const request = campaign.approvalRequest;
  if (campaign.status === 'ready_for_approval' && request !== null) {
    if (
      request.fingerprint !== seenFingerprint ||
      campaignContentFingerprint(campaign) !== request.fingerprint
    ) {
      throw new StaleRequestError('Request fingerprint differs from the one reviewed', {
        userMessage:
          'Deze aanvraag is gewijzigd nadat u haar opende. Bekijk de nieuwe versie voordat u een besluit neemt.',
        context: { campaignId: campaign.id, requestSeq: request.seq },
      });
    }
    return request;
  }
  if (request !== null && request.fingerprint === seenFingerprint && campaign.approval !== null) {
    illegal(campaign, 'approve', 'Deze aanvraag is al goedgekeurd.');
  }
  if (request !== null && request.fingerprint === seenFingerprint && campaign.status === 'rejected') {
    illegal(campaign, 'approve', 'Over deze aanvraag is al besloten: zij is afgewezen.');
  }
  if (campaign.lastRequestSeq > 0 && ['draft', 'ready_for_approval'].includes(campaign.status)) {
    throw new StaleRequestError('Reviewed request no longer exists', {
      userMessage:
        'Deze aanvraag is gewijzigd of ingetrokken nadat u haar opende. Er is niets goedgekeurd; wacht op de nieuwe aanvraag.',
      context: { campaignId: campaign.id },
    });
  }
  illegal(campaign, 'approve');
}

export function applyApprove(
  campaign: Campaign,
  command: Extract<CampaignCommand, { type: 'approve' }>,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const request = assertCurrentRequest(campaign, command.requestFingerprint);
  const to = transitionTo(campaign, 'approve');
  assertFourEyes(campaign, actorUserId(ctx.actor));
  const legalReference = parseOrRefuse(LegalReferenceSchema, command.legalReference, 'legalReference');
  if (command.confirmed !== true) {
    invalid(
      'confirmed',
      'Bevestig dat u de ontvangers, de teksten en de verzendperiode heeft gecontroleerd.',
    );
  }
  if (campaign.kind === 'letter' && command.namesNobody !== true) {
    invalid(
      'namesNobody',
      'Bevestig dat de brief geen personen, geen adres van een verdachte en geen medewerker noemt.',
    );
  }
  if (new Date(request.plannedWindow.until).getTime() <= ctx.now.getTime()) {
    illegal(
      campaign,
      'approve',
      'De verzendperiode van deze aanvraag is al voorbij. De adviseur moet een nieuwe periode kiezen.',
    );
  }
  const approval: Approval = {
    requestSeq: request.seq,
    requestFingerprint: request.fingerprint,
    approvedBy: actorUserId(ctx.actor),
    legalReference,
    confirmed: true,
    at: ctx.now.toISOString(),
    expiresAt: approvalExpiresAt(ctx.now, ctx.policy.approvalValidityDays).toISOString(),
    approvedCount: request.counts.sendable,
    ...(campaign.kind === 'letter' ? { namesNobody: true as const } : {}),
  };
  t.event(
    'campaign.approved',
    {
      fromStatus: campaign.status,
      toStatus: to,
      requestSeq: request.seq,
      legalReference,
      expiresAt: approval.expiresAt,
      counts: { approved: approval.approvedCount },
    },
    request.fingerprint,
  );
  return t.finish({ ...campaign, status: to, approval });
}

export function applyReject(
  campaign: Campaign,
  command: Extract<CampaignCommand, { type: 'reject' }>,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const request = assertCurrentRequest(campaign, command.requestFingerprint);
  const to = transitionTo(campaign, 'reject');
  const reason = parseOrRefuse(ReasonTextSchema, command.reason, 'reason');
  t.event(
    'campaign.rejected',
    { fromStatus: campaign.status, toStatus: to, requestSeq: request.seq, reason },
    request.fingerprint,
  );
  return t.finish({
    ...campaign,
    status: to,
    rejection: {
      requestSeq: request.seq,
      requestFingerprint: request.fingerprint,
      rejectedBy: actorUserId(ctx.actor),
      reason,
      at: ctx.now.toISOString(),
    },
  });
}

export function applyWithdraw(
  campaign: Campaign,
  command: Extract<CampaignCommand, { type: 'withdraw' }>,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const to = transitionTo(campaign, 'withdraw');
  const reason = parseOrRefuse(ReasonTextSchema, command.reason, 'reason');
  const request = campaign.approvalRequest!;
  t.event(
    'campaign.approval_withdrawn',
    { fromStatus: campaign.status, toStatus: to, requestSeq: request.seq, reason },
    request.fingerprint,
  );
  return t.finish({
    ...campaign,
    status: to,
    approval: null,
    approvalRequest: to === 'draft' ? null : request,
    scheduledAt: to === 'draft' ? null : campaign.scheduledAt,
    withdrawal: {
      requestSeq: request.seq,
      requestFingerprint: request.fingerprint,
      withdrawnBy: actorUserId(ctx.actor),
      reason,
      at: ctx.now.toISOString(),
    },
  });
}
