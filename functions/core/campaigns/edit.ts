import { assertLetterTextClean } from '../letters/free-text-screen.js';
import { assertSnapshotClean } from '../letters/letter-snapshot.js';
import {
  auditFieldNames,
  type CampaignActionContext,
  type CampaignActionResult,
  illegal,
  invalid,
  parseOrRefuse,
  recipientCounts,
  type Transition,
  withPreparer,
} from './action-step.js';
import { actorUserId, isSystem } from './actor.js';
import { LETTER_MERGE_FIELDS, unknownMergeFields } from './blueprint.schema.js';
import { ActionForbiddenError } from './campaign.errors.js';
import { CAMPAIGN_STATUS_LABELS, type Campaign } from './campaign.schema.js';
import { type ChangeField, ChangesSchema, CONTENT_FIELDS } from './campaign-command.schema.js';
import { campaignContentFingerprint } from './fingerprint.js';
import { validateHelpLink } from './help-link.js';
import { type EditScope, findTransition } from './transitions.js';
import { assertVariantsValid } from './variants.js';

/** Editing a campaign: which edits void its request or approval, and what each field must satisfy. */

/**
 * The one edit a job makes: after the municipality settings changed, the `settings` job writes a letter's
 * rebuilt final content (`letterSnapshot` alone), so the state machine voids its request or approval and
 * audits why. Nothing else may be edited without a person.
 */
export function assertSystemEdit(campaign: Campaign, changes: unknown, ctx: CampaignActionContext): void {
  if (!isSystem(ctx.actor)) return;
  const keys = typeof changes === 'object' && changes !== null ? Object.keys(changes) : [];
  if (ctx.actor.system !== 'settings' || keys.length !== 1 || keys[0] !== 'letterSnapshot') {
    throw new ActionForbiddenError('A job may only rebuild a letter after a settings change', {
      userMessage: 'U heeft niet de rol die hiervoor nodig is.',
      context: { campaignId: campaign.id, action: 'edit' },
    });
  }
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export function applyEdit(
  campaign: Campaign,
  rawChanges: unknown,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const changes = parseOrRefuse(ChangesSchema, rawChanges, 'changes');
  const next: Campaign = { ...campaign };
  const changed: ChangeField[] = [];
  for (const field of Object.keys(changes) as ChangeField[]) {
    const value = changes[field];
    if (value === undefined) continue;
    if (stableJson(value) !== stableJson(campaign[field])) changed.push(field);
  }
  if (changed.length === 0) return { campaign, events: [] };
  const scope: EditScope = changed.some((f) => CONTENT_FIELDS.has(f)) ? 'content' : 'settings';
  const row = findTransition(campaign.status, 'edit', scope);
  if (row === undefined) {
    illegal(
      campaign,
      'edit',
      campaign.status === 'sending' || campaign.status === 'paused'
        ? 'Tijdens het versturen kunt u ontvangers, teksten, afzender, link en verzendperiode niet wijzigen. Annuleer de campagne als dat nodig is.'
        : `Een campagne met de status "${CAMPAIGN_STATUS_LABELS[campaign.status]}" kan niet meer worden gewijzigd.`,
    );
  }
  const approvalSurvives = row.to !== 'draft' && campaign.approval !== null;
  if (approvalSurvives && campaign.approval?.approvedBy === actorUserId(ctx.actor)) {
    throw new ActionForbiddenError('Approver may not change the approved campaign', {
      userMessage: 'U heeft deze campagne goedgekeurd en kunt haar daarom niet zelf wijzigen.',
      context: { campaignId: campaign.id },
    });
  }
  for (const field of changed) {
    switch (field) {
      case 'name':
        next.name = changes.name!;
        break;
      case 'variants':
        if (campaign.kind !== 'sms') invalid('variants', 'Een brief heeft geen sms-varianten.');
        assertVariantsValid(changes.variants!, { linkLength: ctx.policy.linkLength });
        next.variants = changes.variants!;
        break;
      case 'letter':
        if (campaign.kind !== 'letter') invalid('letter', 'Een sms-campagne heeft geen brieftekst.');
        {
          const [unknown] = unknownMergeFields([changes.letter!.subject, ...changes.letter!.paragraphs]);
          if (unknown !== undefined) {
            invalid(
              'letter',
              `Het invulveld {{${unknown}}} bestaat niet. Gebruik alleen ${LETTER_MERGE_FIELDS.map((f) => `{{${f}}}`).join(', ')}.`,
            );
          }
        }
        assertLetterTextClean([
          { label: 'het onderwerp', text: changes.letter!.subject },
          ...changes.letter!.paragraphs.map((text, i) => ({ label: `alinea ${i + 1}`, text })),
        ]);
        next.letter = changes.letter!;
        break;
      case 'letterSnapshot':
        if (campaign.kind !== 'letter') invalid('letterSnapshot', 'Een sms-campagne heeft geen brief.');
        assertSnapshotClean(changes.letterSnapshot!);
        next.letterSnapshot = changes.letterSnapshot!;
        break;
      case 'helpLink':
        next.helpLink = validateHelpLink(changes.helpLink!, ctx.policy.allowedHelpDomains);
        break;
      case 'senderName':
        next.senderName = changes.senderName!;
        break;
      case 'quietHours':
        next.quietHours = changes.quietHours!;
        break;
      case 'ratePerSecond':
        if (changes.ratePerSecond! > ctx.policy.maxRatePerSecond) {
          invalid(
            'ratePerSecond',
            `De snelheid mag hoogstens ${ctx.policy.maxRatePerSecond} berichten per seconde zijn.`,
          );
        }
        next.ratePerSecond = changes.ratePerSecond!;
        break;
      case 'allowedCountries':
        next.allowedCountries = [...new Set(changes.allowedCountries!)];
        break;
      case 'plannedWindow':
        if (changes.plannedWindow && new Date(changes.plannedWindow.until).getTime() <= ctx.now.getTime()) {
          invalid('plannedWindow', 'De verzendperiode moet in de toekomst eindigen.');
        }
        next.plannedWindow = changes.plannedWindow ?? null;
        break;
      case 'recipients':
        next.recipients = changes.recipients!;
        break;
    }
  }
  next.status = row.to;
  next.preparers = withPreparer(campaign, ctx.actor);
  const voided =
    ['ready_for_approval', 'approved', 'scheduled'].includes(campaign.status) && row.to === 'draft';
  if (row.to === 'draft') {
    next.approvalRequest = null;
    next.approval = null;
  }
  const fingerprint = campaignContentFingerprint(next);
  t.event(
    'campaign.edited',
    {
      fromStatus: campaign.status,
      toStatus: row.to,
      changedFields: auditFieldNames(changed),
      counts: changed.includes('recipients') ? recipientCounts(next) : undefined,
    },
    fingerprint,
  );
  if (voided && campaign.approvalRequest !== null) {
    t.event(
      'campaign.approval_voided',
      {
        voided: campaign.approval === null ? 'request' : 'approval',
        requestSeq: campaign.approvalRequest.seq,
        requestFingerprint: campaign.approvalRequest.fingerprint,
        changedFields: auditFieldNames(changed),
        ...(isSystem(ctx.actor) && ctx.actor.system === 'settings'
          ? { reason: 'municipality settings changed' }
          : {}),
      },
      fingerprint,
    );
  }
  return t.finish(next);
}
