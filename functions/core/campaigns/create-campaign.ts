import { campaignActionRole } from '../auth/permissions.js';
import { ValidationError } from '../errors.js';
import type { CampaignActionResult } from './action-step.js';
import { actorUserId, type CampaignActor } from './actor.js';
import type { Blueprint } from './blueprint.schema.js';
import { ActionForbiddenError } from './campaign.errors.js';
import { type Campaign, CampaignSchema } from './campaign.schema.js';
import { DEFAULT_QUIET_HOURS, DEFAULT_RATE_PER_SECOND, DEFAULT_SEND_DAYS } from './defaults.js';

export interface CreateCampaignInput {
  id: string;
  caseId: string;
  name: string;
  blueprint: Blueprint;
  actor: CampaignActor;
  now: Date;
  /**
   * The municipality's send window from its settings: a new SMS campaign starts with it instead of the
   * blueprint's, so the admin sets the default once for every campaign.
   */
  municipalQuietHours?: { start: string; end: string; days: readonly number[] };
}

/**
 * Creates a draft campaign from a blueprint: its texts, link, sender and sending defaults, with the creator
 * as its first preparer.
 *
 * The blueprint's help link is a placeholder on an example domain; it is only checked against the
 * municipality's allow-list on submit, so an adviser can start before the admin has configured it.
 */
export function createCampaign(input: CreateCampaignInput): CampaignActionResult {
  const { blueprint, actor, now } = input;
  const role = campaignActionRole(actor, 'edit', blueprint.kind);
  if (role === null) {
    throw new ActionForbiddenError('Actor may not create campaigns of this kind', {
      userMessage: 'U heeft niet de rol die nodig is om deze campagne aan te maken.',
      context: { kind: blueprint.kind },
    });
  }
  const at = now.toISOString();
  const userId = actorUserId(actor);
  const draft: Campaign = {
    id: input.id,
    caseId: input.caseId,
    kind: blueprint.kind,
    blueprintId: blueprint.id,
    name: input.name,
    status: 'draft',
    variants: blueprint.kind === 'sms' ? blueprint.variants.map((v) => ({ ...v })) : [],
    letter: blueprint.kind === 'letter' ? structuredClone(blueprint.letter) : null,
    letterSnapshot: null,
    helpLink: blueprint.helpLink,
    senderName: blueprint.senderName,
    quietHours:
      blueprint.kind === 'sms'
        ? input.municipalQuietHours
          ? {
              ...input.municipalQuietHours,
              days: [...input.municipalQuietHours.days],
              timeZone: 'Europe/Amsterdam',
            }
          : blueprint.quietHours
        : { ...DEFAULT_QUIET_HOURS, days: [...DEFAULT_SEND_DAYS] },
    ratePerSecond: blueprint.kind === 'sms' ? blueprint.ratePerSecond : DEFAULT_RATE_PER_SECOND,
    allowedCountries: blueprint.kind === 'sms' ? [...blueprint.allowedCountries] : ['NL'],
    plannedWindow: null,
    preparers: [userId],
    recipients: { fingerprint: null, counts: null },
    approvalRequest: null,
    approval: null,
    rejection: null,
    withdrawal: null,
    scheduledAt: null,
    lastRequestSeq: 0,
    version: 0,
    createdAt: at,
    createdBy: userId,
    updatedAt: at,
    updatedBy: userId,
  };
  const parsed = CampaignSchema.safeParse(draft);
  if (!parsed.success) {
    throw new ValidationError('Campaign from blueprint does not parse', {
      userMessage: parsed.error.issues[0]?.message ?? 'De campagne kon niet worden aangemaakt.',
      context: { blueprintId: blueprint.id },
    });
  }
  return {
    campaign: parsed.data,
    events: [
      {
        at,
        actorUserId: userId,
        actorRole: role,
        action: 'campaign.created',
        subjectType: 'campaign',
        subjectId: input.id,
        caseId: input.caseId,
        campaignId: input.id,
        fingerprint: null,
        details: { toStatus: 'draft', variantIds: parsed.data.variants.map((v) => v.id) },
      },
    ],
  };
}
