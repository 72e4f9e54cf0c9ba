import type * as z from 'zod';
import type { AuditAction, AuditDetails, AuditEventDraft } from '../audit/audit-event.schema.js';
import type { ActingRole } from '../auth/permissions.js';
import { ValidationError } from '../errors.js';
import { actorUserId, type CampaignActor } from './actor.js';
import { IllegalTransitionError } from './campaign.errors.js';
import { CAMPAIGN_STATUS_LABELS, type Campaign, type CampaignStatus } from './campaign.schema.js';
import type { CampaignAction } from './campaign-action.js';
import type { ChangeField } from './campaign-command.schema.js';
import type { CampaignPolicy } from './policy.js';
import { type EditScope, findTransition } from './transitions.js';

/**
 * What every step of the campaign state machine shares: the context it runs in, the result it returns, the
 * audit recorder and the refusals with a Dutch message.
 */

export interface CampaignActionContext {
  actor: CampaignActor;
  now: Date;
  policy: CampaignPolicy;
  /**
   * The user who answers for the campaign's case. Letter campaigns are decided (approved, rejected,
   * withdrawn) by that person only; without it no letter decision is possible.
   */
  caseResponsibleUserId?: string;
}

export interface CampaignActionResult {
  campaign: Campaign;
  events: AuditEventDraft[];
}

export function invalid(field: string, userMessage: string): never {
  throw new ValidationError(`Invalid ${field}`, { userMessage, context: { field } });
}

export function parseOrRefuse<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) invalid(field, result.error.issues[0]?.message ?? 'Ongeldige invoer.');
  return result.data;
}

export function illegal(campaign: Campaign, action: CampaignAction, userMessage?: string): never {
  throw new IllegalTransitionError(`Action ${action} is not allowed in status ${campaign.status}`, {
    userMessage:
      userMessage ??
      `Dit kan niet bij een campagne met de status "${CAMPAIGN_STATUS_LABELS[campaign.status]}". Vernieuw de pagina.`,
    context: { campaignId: campaign.id, status: campaign.status, action },
  });
}

/** Audit vocabulary is snake_case words: `helpLink` is recorded as `help_link`. */
export function auditFieldNames(fields: readonly ChangeField[]): string[] {
  return fields.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
}

export function recipientCounts(campaign: Campaign): Record<string, number> | undefined {
  const counts = campaign.recipients.counts;
  if (counts === null) return undefined;
  const flat: Record<string, number> = {
    imported: counts.imported,
    valid: counts.valid,
    sendable: counts.sendable,
  };
  for (const [reason, n] of Object.entries(counts.excluded)) flat[`excluded_${reason}`] = n;
  return flat;
}

export class Transition {
  readonly events: AuditEventDraft[] = [];

  constructor(
    private readonly before: Campaign,
    private readonly ctx: CampaignActionContext,
    private readonly role: ActingRole,
  ) {}

  event(action: AuditAction, details: AuditDetails, fingerprint: string | null): void {
    this.events.push({
      at: this.ctx.now.toISOString(),
      actorUserId: actorUserId(this.ctx.actor),
      actorRole: this.role,
      action,
      subjectType: 'campaign',
      subjectId: this.before.id,
      caseId: this.before.caseId,
      campaignId: this.before.id,
      fingerprint,
      details,
    });
  }

  finish(next: Campaign): CampaignActionResult {
    return {
      campaign: {
        ...next,
        version: this.before.version + 1,
        updatedAt: this.ctx.now.toISOString(),
        updatedBy: actorUserId(this.ctx.actor),
      },
      events: this.events,
    };
  }
}

export function withPreparer(campaign: Campaign, actor: CampaignActor): string[] {
  const id = actorUserId(actor);
  return campaign.preparers.includes(id) ? [...campaign.preparers] : [...campaign.preparers, id];
}

export function transitionTo(
  campaign: Campaign,
  action: CampaignAction,
  editScope?: EditScope,
): CampaignStatus {
  const row = findTransition(campaign.status, action, editScope);
  if (row === undefined) illegal(campaign, action);
  return row.to;
}
