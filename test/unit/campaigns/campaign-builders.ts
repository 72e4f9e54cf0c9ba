import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Actor } from '../../../functions/core/auth/roles.js';
import {
  applyCampaignAction,
  type Blueprint,
  BlueprintSchema,
  type Campaign,
  type CampaignActionContext,
  type CampaignActor,
  type CampaignCommand,
  type CampaignPolicy,
  type CampaignStatus,
  campaignContentFingerprint,
  createCampaign,
  type RecipientSet,
} from '../../../functions/core/campaigns/index.js';
import { builtInTemplates } from '../../../functions/core/letters/built-in-templates.js';
import { type LetterSnapshot, letterSnapshotOf } from '../../../functions/core/letters/letter-snapshot.js';

export const NOW = new Date('2026-03-02T08:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);

export function person(userId: string, ...roles: Actor['roles']): Actor {
  return { userId, username: userId, roles };
}

export const adviser = person('u-adviser', 'adviser');
export const adviser2 = person('u-adviser-2', 'adviser');
export const omLiaison = person('u-om', 'om_liaison');
export const omLiaison2 = person('u-om-2', 'om_liaison');
export const admin = person('u-admin', 'admin');
/** Answers for the case: decides on its letter campaigns. */
export const caseManager = person('u-case-manager', 'area_manager');

/** Who decides on a submitted campaign of this kind: the OM for SMS, the case's manager for letters. */
export function deciderFor(kind: 'sms' | 'letter'): Actor {
  return kind === 'sms' ? omLiaison : caseManager;
}
export const dispatcher: CampaignActor = { system: 'dispatcher' };

export const POLICY: CampaignPolicy = {
  allowedHelpDomains: ['hulpnadrugs.example.nl'],
  linkLength: 40,
  approvalValidityDays: 7,
  maxRatePerSecond: 20,
};

/**
 * The context of an action. Unless a test says otherwise, the acting person is also the case's responsible
 * manager, so letter decisions are governed by the role table alone.
 */
export function ctx(
  actor: CampaignActor,
  now: Date = NOW,
  policy: CampaignPolicy = POLICY,
  caseResponsibleUserId: string | undefined = 'userId' in actor ? actor.userId : undefined,
): CampaignActionContext {
  return { actor, now, policy, ...(caseResponsibleUserId ? { caseResponsibleUserId } : {}) };
}

/** A recipient-set fingerprint as the contacts module writes it, derived from a label. */
export function recipientsFingerprint(label: string): string {
  return `sha256:${createHash('sha256').update(label).digest('hex')}`;
}

export function recipientSet(label: string, sendable = 600): RecipientSet {
  return {
    fingerprint: recipientsFingerprint(label),
    counts: {
      imported: sendable + 140,
      valid: sendable + 40,
      sendable,
      excluded: { landline: 25, opt_out: 10, recently_messaged: 5 },
    },
  };
}

export function loadBlueprint(id: string): Blueprint {
  const url = new URL(`../../../campaigns/${id}.json`, import.meta.url);
  return BlueprintSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
}

export const PLANNED_WINDOW = { from: NOW.toISOString(), until: at(10 * DAY).toISOString() };

/** Applies commands in order, each by its actor at its moment; returns the last campaign. */
export function run(
  campaign: Campaign,
  steps: readonly { actor: CampaignActor; command: CampaignCommand; now?: Date }[],
): Campaign {
  let current = campaign;
  for (const step of steps)
    current = applyCampaignAction(current, step.command, ctx(step.actor, step.now)).campaign;
  return current;
}

export function newDraft(kind: 'sms' | 'letter' = 'sms'): Campaign {
  const blueprint = loadBlueprint(kind === 'sms' ? 'sms-bom-straathandel' : 'wijkbericht-na-arrestaties');
  const created = createCampaign({
    id: 'c-1',
    caseId: 'case-bazooka',
    name: 'Bazooka',
    blueprint,
    actor: kind === 'sms' ? adviser : person('u-area', 'area_manager'),
    now: NOW,
  }).campaign;
  return run(created, [
    {
      actor: adviser,
      command: {
        type: 'edit',
        changes: {
          recipients: recipientSet('upload-1'),
          plannedWindow: PLANNED_WINDOW,
          ...(kind === 'letter' ? { letterSnapshot: letterSnapshotFor(created) } : {}),
        },
      },
    },
  ]);
}

/** The final letter of a letter campaign with a plain case text and fixed branding. */
export function letterSnapshotFor(
  campaign: Campaign,
  caseText = 'Bij de actie zijn drie mensen aangehouden.',
): LetterSnapshot {
  return letterSnapshotOf({
    content: campaign.letter,
    caseFields: { date: '2026-03-01', areaDescription: 'de omgeving van de Brugstraat', caseText },
    branding: {
      municipality: 'Utrecht',
      senderLine: 'Gemeente Utrecht',
      logo: 'https://utrecht.example.nl/logo.png',
      primaryColour: '#c4001a',
      signatureTitle: 'Team Openbare Orde en Veiligheid',
      contactLine: 'Vragen? Bel 14 030.',
    },
    templates: builtInTemplates(),
  });
}

export function approveCommand(campaign: Campaign): CampaignCommand {
  return {
    type: 'approve',
    requestFingerprint: campaign.approvalRequest!.fingerprint,
    legalReference: 'Parketnummer 16/659320-26',
    confirmed: true,
    ...(campaign.kind === 'letter' ? { namesNobody: true } : {}),
  };
}

export function startCommand(campaign: Campaign, type: 'start' | 'resume' = 'start'): CampaignCommand {
  return { type, currentFingerprint: campaignContentFingerprint(campaign)! };
}

export const START_AT = at(HOUR);

/** A campaign brought to `status` along the normal path, by the normal people. */
export function campaignIn(status: CampaignStatus, kind: 'sms' | 'letter' = 'sms'): Campaign {
  const draft = newDraft(kind);
  if (status === 'draft') return draft;
  if (status === 'cancelled') return run(draft, [{ actor: adviser, command: { type: 'cancel' } }]);
  if (status === 'purged')
    return run(campaignIn('cancelled', kind), [{ actor: admin, command: { type: 'purge' } }]);
  const ready = run(draft, [{ actor: adviser, command: { type: 'submit' } }]);
  if (status === 'ready_for_approval') return ready;
  if (status === 'rejected') {
    return run(ready, [
      {
        actor: deciderFor(kind),
        command: {
          type: 'reject',
          requestFingerprint: ready.approvalRequest!.fingerprint,
          reason: 'Aantal klopt niet',
        },
      },
    ]);
  }
  const approved = run(ready, [{ actor: deciderFor(kind), command: approveCommand(ready) }]);
  if (status === 'approved') return approved;
  if (status === 'expired')
    return run(approved, [{ actor: dispatcher, command: { type: 'expire' }, now: at(8 * DAY) }]);
  const scheduled = run(approved, [
    { actor: adviser, command: { type: 'schedule', startAt: START_AT.toISOString() } },
  ]);
  if (status === 'scheduled') return scheduled;
  const sending = run(scheduled, [{ actor: dispatcher, command: startCommand(scheduled), now: START_AT }]);
  if (status === 'sending') return sending;
  if (status === 'paused')
    return run(sending, [{ actor: adviser, command: { type: 'pause' }, now: START_AT }]);
  return run(sending, [{ actor: dispatcher, command: { type: 'complete' }, now: at(2 * HOUR) }]);
}
