import { campaignActionRole } from '../auth/permissions.js';
import type { CampaignActionContext, CampaignActionResult } from './action-step.js';
import { Transition } from './action-step.js';
import type { CampaignActor } from './actor.js';
import { assertLetterDecider } from './approval.js';
import { applyApprove, applyReject, applySubmit, applyWithdraw } from './approval-decisions.js';
import { ActionForbiddenError } from './campaign.errors.js';
import type { Campaign } from './campaign.schema.js';
import { type CampaignAction, CampaignActionSchema } from './campaign-action.js';
import type { CampaignCommand } from './campaign-command.schema.js';
import { applyEdit, assertSystemEdit } from './edit.js';
import { applyLaunch, applySchedule, applySimple } from './launch.js';
import { CAMPAIGN_TRANSITIONS } from './transitions.js';

/**
 * The campaign state machine's one entry point. Its parts live beside it: the status table in
 * transitions.ts, the actors in actor.ts, the commands in campaign-command.schema.ts, the policy in
 * policy.ts, and the steps in edit.ts, approval-decisions.ts and launch.ts. Who may act is answered in
 * core/auth/permissions.ts (roles) and approval.ts (four-eyes, the letter's responsible manager).
 */

/**
 * Applies one action to a campaign: checks the role, the transition table and the action's rules, and
 * returns the new campaign (version + 1) with the audit events to append in the same write.
 *
 * Pure: the caller loads the campaign, calls this, and stores the result with a conditional write on the
 * old version, so a double click or two browsers produce exactly one change and one set of events.
 * Throws ActionForbiddenError / FourEyesError (forbidden), IllegalTransitionError / StaleRequestError /
 * DispatchRefusedError (conflict) or ValidationError, each with a Dutch `userMessage`.
 */
export function applyCampaignAction(
  campaign: Campaign,
  command: CampaignCommand,
  ctx: CampaignActionContext,
): CampaignActionResult {
  const action = command.type;
  const role = campaignActionRole(ctx.actor, action, campaign.kind);
  if (role === null) {
    throw new ActionForbiddenError(`No role of the actor may ${action} a campaign`, {
      userMessage: 'U heeft niet de rol die hiervoor nodig is.',
      context: { campaignId: campaign.id, action },
    });
  }
  assertLetterDecider(campaign, action, ctx);
  if (command.type === 'edit') assertSystemEdit(campaign, command.changes, ctx);
  const t = new Transition(campaign, ctx, role);
  switch (command.type) {
    case 'edit':
      return applyEdit(campaign, command.changes, ctx, t);
    case 'submit':
      return applySubmit(campaign, ctx, t);
    case 'approve':
      return applyApprove(campaign, command, ctx, t);
    case 'reject':
      return applyReject(campaign, command, ctx, t);
    case 'withdraw':
      return applyWithdraw(campaign, command, ctx, t);
    case 'schedule':
      return applySchedule(campaign, command, ctx, t);
    case 'start':
    case 'resume':
      return applyLaunch(campaign, command.type, command.currentFingerprint, ctx, t);
    case 'cancel':
      return applySimple(campaign, 'cancel', ctx, t, command.reason);
    case 'pause':
    case 'complete':
    case 'expire':
    case 'purge':
      return applySimple(campaign, command.type, ctx, t);
  }
}

/**
 * The actions the actor could try now, for showing buttons. The action itself still checks everything;
 * an action listed here can fail on its rules (four-eyes, expiry, validation).
 */
export function availableActions(campaign: Campaign, actor: CampaignActor): CampaignAction[] {
  return CampaignActionSchema.options.filter(
    (action) =>
      campaignActionRole(actor, action, campaign.kind) !== null &&
      CAMPAIGN_TRANSITIONS.some((t) => t.from === campaign.status && t.action === action),
  );
}
