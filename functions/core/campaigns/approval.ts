import { MS_PER_DAY } from '../clock.js';
import { type CampaignActor, isSystem } from './actor.js';
import {
  ActionForbiddenError,
  type DispatchRefusal,
  DispatchRefusedError,
  FourEyesError,
} from './campaign.errors.js';
import type { Approval, Campaign } from './campaign.schema.js';
import type { CampaignAction } from './campaign-action.js';
import { campaignContentFingerprint } from './fingerprint.js';

export const DEFAULT_APPROVAL_VALIDITY_DAYS = 7;

/** When an approval given at `now` stops being valid. */
export function approvalExpiresAt(now: Date, validityDays: number = DEFAULT_APPROVAL_VALIDITY_DAYS): Date {
  if (!Number.isFinite(validityDays) || validityDays <= 0)
    throw new RangeError('validityDays must be positive');
  return new Date(now.getTime() + validityDays * MS_PER_DAY);
}

/** Whether the campaign's approval, if any, has passed its expiry at `now`. */
export function isApprovalExpired(campaign: Campaign, now: Date): boolean {
  return campaign.approval !== null && new Date(campaign.approval.expiresAt).getTime() <= now.getTime();
}

/** Every user who prepared or changed the campaign or its current request. */
export function preparersOf(campaign: Campaign): ReadonlySet<string> {
  return new Set([...campaign.preparers, ...(campaign.approvalRequest?.preparedBy ?? [])]);
}

/**
 * Who may decide on an approval, beyond the role (core/auth/permissions.ts says which roles may approve,
 * reject or withdraw): never a person who prepared the campaign (four-eyes, below), and for a letter only
 * its case's responsible manager (`assertLetterDecider`).
 */

/**
 * Refuses an approver who prepared or changed the campaign, whatever roles they hold.
 *
 * Four-eyes looks at the person: a user with both the adviser and the OM role still cannot approve their
 * own work.
 */
export function assertFourEyes(campaign: Campaign, approverUserId: string): void {
  if (preparersOf(campaign).has(approverUserId)) {
    throw new FourEyesError('Approver prepared or changed the campaign', {
      userMessage:
        'U heeft deze campagne zelf voorbereid of gewijzigd. Een andere contactpersoon van het OM moet haar beoordelen.',
      context: { campaignId: campaign.id },
    });
  }
}

/** The actions that decide on a letter campaign: only its case's responsible manager performs them. */
export const LETTER_DECISIONS: readonly CampaignAction[] = ['approve', 'reject', 'withdraw'];

/**
 * Wijkberichten are approved by the case's responsible manager (four-eyes still applies): the letter goes
 * to residents in the municipality's name, so the manager who answers for the case decides, not the OM.
 * Without a known responsible manager no letter decision is possible.
 */
export function assertLetterDecider(
  campaign: Campaign,
  action: CampaignAction,
  decider: { actor: CampaignActor; caseResponsibleUserId?: string | undefined },
): void {
  if (campaign.kind !== 'letter' || !LETTER_DECISIONS.includes(action)) return;
  if (isSystem(decider.actor) || decider.caseResponsibleUserId !== decider.actor.userId) {
    throw new ActionForbiddenError('Only the case responsible manager decides on letter campaigns', {
      userMessage:
        'Alleen de verantwoordelijke manager van de zaak beslist over de goedkeuring van wijkberichten.',
      context: { campaignId: campaign.id, action },
    });
  }
}

const REFUSAL_MESSAGES: Record<DispatchRefusal, string> = {
  not_sending: 'De campagne wordt op dit moment niet verstuurd.',
  no_approval: 'Er is geen goedkeuring van het OM voor deze campagne.',
  withdrawn: 'Het OM heeft de goedkeuring ingetrokken.',
  expired: 'De goedkeuring van het OM is verlopen. Dien de campagne opnieuw in.',
  fingerprint_mismatch:
    'De ontvangers, teksten, afzender of link zijn gewijzigd na de goedkeuring. Er wordt niets verstuurd; dien de campagne opnieuw in.',
  content_changed:
    'De campagne is gewijzigd na de goedkeuring. Er wordt niets verstuurd; dien de campagne opnieuw in.',
  four_eyes:
    'De goedkeuring is gegeven door iemand die de campagne heeft voorbereid. Er wordt niets verstuurd.',
  before_window: 'De goedgekeurde verzendperiode is nog niet begonnen.',
  after_window:
    'De goedgekeurde verzendperiode is voorbij. Dien de campagne opnieuw in met een nieuwe periode.',
  cap_reached: 'Het goedgekeurde aantal berichten is bereikt.',
};

function refuse(campaign: Campaign, refusal: DispatchRefusal): never {
  throw new DispatchRefusedError(`Dispatch refused: ${refusal}`, refusal, {
    userMessage: REFUSAL_MESSAGES[refusal],
    context: { campaignId: campaign.id, status: campaign.status },
  });
}

/**
 * Why the campaign's approval does not cover sending `currentFingerprint` at `now`, or null when it does.
 *
 * The approval must exist, be unexpired, belong to the current request, be given by a non-preparer, and
 * its fingerprint must equal both the campaign's own content and the fingerprint the caller recomputed
 * from the recipient store: three independent views of "exactly the data being sent".
 */
export function approvalRefusal(
  campaign: Campaign,
  currentFingerprint: string,
  now: Date,
): DispatchRefusal | null {
  const approval = campaign.approval;
  const request = campaign.approvalRequest;
  if (approval === null || request === null)
    return campaign.withdrawal === null ? 'no_approval' : 'withdrawn';
  if (approval.requestSeq !== request.seq || approval.requestFingerprint !== request.fingerprint) {
    return 'content_changed';
  }
  if (new Date(approval.expiresAt).getTime() <= now.getTime()) return 'expired';
  if (preparersOf(campaign).has(approval.approvedBy)) return 'four_eyes';
  if (campaignContentFingerprint(campaign) !== approval.requestFingerprint) return 'content_changed';
  if (currentFingerprint !== approval.requestFingerprint) return 'fingerprint_mismatch';
  return null;
}

/** Throws DispatchRefusedError unless the approval covers exactly `currentFingerprint` at `now`. */
export function assertApprovalValid(campaign: Campaign, currentFingerprint: string, now: Date): Approval {
  const refusal = approvalRefusal(campaign, currentFingerprint, now);
  if (refusal !== null) refuse(campaign, refusal);
  return campaign.approval!;
}

function windowRefusal(campaign: Campaign, now: Date): DispatchRefusal | null {
  const window = campaign.approvalRequest?.plannedWindow;
  if (window === undefined) return 'no_approval';
  if (now.getTime() < new Date(window.from).getTime()) return 'before_window';
  if (now.getTime() >= new Date(window.until).getTime()) return 'after_window';
  return null;
}

/**
 * The guard the launch and every dispatch batch call before anything leaves: the campaign must be
 * sending, within the approved window, under an approval of exactly `currentFingerprint`.
 *
 * `currentFingerprint` is recomputed by the caller from the recipient set it is about to send to; the
 * guard never trusts a stored copy alone.
 */
export function assertDispatchAllowed(campaign: Campaign, currentFingerprint: string, now: Date): Approval {
  if (campaign.status !== 'sending') refuse(campaign, 'not_sending');
  const approval = assertApprovalValid(campaign, currentFingerprint, now);
  const outside = windowRefusal(campaign, now);
  if (outside !== null) refuse(campaign, outside);
  return approval;
}

/** Checks everything of `assertDispatchAllowed` except the status; used by `start` and `resume`. */
export function assertLaunchAllowed(campaign: Campaign, currentFingerprint: string, now: Date): Approval {
  const approval = assertApprovalValid(campaign, currentFingerprint, now);
  const outside = windowRefusal(campaign, now);
  if (outside !== null) refuse(campaign, outside);
  return approval;
}

/**
 * How many more messages may leave: the approved count minus every message that may already have left.
 *
 * `sentSoFar` must count every recipient that was claimed for sending (sent, failed after leaving, or
 * unknown), not only confirmed sends; otherwise a crash could let the cap be exceeded.
 */
export function remainingCap(campaign: Campaign, sentSoFar: number): number {
  if (campaign.approval === null) return 0;
  if (!Number.isInteger(sentSoFar) || sentSoFar < 0)
    throw new RangeError('sentSoFar must be a non-negative integer');
  return Math.max(0, campaign.approval.approvedCount - sentSoFar);
}

/**
 * The size the next dispatch batch may have: the guard, then the hard cap.
 *
 * Throws DispatchRefusedError (cap_reached) when nothing may be sent any more, so a dispatcher cannot
 * mistake an empty batch for a transient condition.
 */
export function allowedBatchSize(
  campaign: Campaign,
  input: { currentFingerprint: string; now: Date; sentSoFar: number; requested: number },
): number {
  assertDispatchAllowed(campaign, input.currentFingerprint, input.now);
  const remaining = remainingCap(campaign, input.sentSoFar);
  if (remaining === 0) refuse(campaign, 'cap_reached');
  return Math.max(0, Math.min(Math.floor(input.requested), remaining));
}
