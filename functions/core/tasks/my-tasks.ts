import * as z from 'zod';
import { campaignActionRole, ROUND_TASK_ROLES } from '../auth/permissions.js';
import type { Role } from '../auth/roles.js';
import type { Campaign, CampaignStatus } from '../campaigns/campaign.schema.js';
import type { CampaignAction } from '../campaigns/campaign-action.js';
import type { Round } from '../letters/distribution.schema.js';

/**
 * "Mijn taken": what is waiting for one person, derived from the campaigns, cases and rounds as they are.
 * Nothing is stored: a task disappears as soon as its work is done (approved, resubmitted, delivered).
 * The same derivation decides who is mailed about a new task, so the overview and the mail never disagree.
 */

export const TaskKindSchema = z.enum([
  'approve_sms',
  'decide_letter',
  'round_today',
  'campaign_rejected',
  'unknown_outcome',
  'approval_expiring',
]);
export type TaskKind = z.infer<typeof TaskKindSchema>;

/** The kind of a task in a sentence, as a notification names it: nothing about the campaign or a person. */
export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  approve_sms: 'een sms-campagne wacht op uw goedkeuring',
  decide_letter: 'een wijkbrief wacht op uw besluit',
  round_today: 'er is vandaag een bezorgronde',
  campaign_rejected: 'een campagne is afgewezen en wacht op aanpassing',
  unknown_outcome: 'van een sms-campagne is de uitkomst van berichten onbekend',
  approval_expiring: 'een goedkeuring verloopt binnenkort',
};

/** One task on the overview: a Dutch sentence and the page where it is done. */
export interface Task {
  kind: TaskKind;
  /** The campaign or round the task is about. */
  subjectId: string;
  campaignId: string;
  text: string;
  href: string;
}

/** The person whose tasks are derived: who they are and the roles they hold. */
export interface TaskPerson {
  id: string;
  roles: readonly Role[];
}

/** What tasks are derived from; a subset (one campaign, one round) gives the tasks about that subset only. */
export interface TaskSources {
  campaigns: readonly Campaign[];
  /** The responsible manager per case id (who decides on the case's letters). */
  responsibleByCase: ReadonlyMap<string, string>;
  rounds: readonly Round[];
  /** Recipients whose outcome is unknown, per SMS campaign id (absent: none). */
  unknownOutcomes: ReadonlyMap<string, number>;
}

/** How long before an approval ends it shows up as a task. */
export const APPROVAL_EXPIRY_WARNING_MS = 24 * 60 * 60 * 1000;

const TIME_ZONE = 'Europe/Amsterdam';
const EXPIRY_STATUSES: readonly CampaignStatus[] = ['approved', 'scheduled', 'paused'];
const RUNNING_STATUSES: readonly CampaignStatus[] = ['sending', 'paused'];
const KIND_ORDER = TaskKindSchema.options;

function partsOf(now: Date, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const parts = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, ...options }).formatToParts(now);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** The calendar date in Europe/Amsterdam (`YYYY-MM-DD`) of an instant: what "today" means for a round. */
export function amsterdamDate(now: Date): string {
  const p = partsOf(now, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

/** "5 december om 14:30", in Europe/Amsterdam. */
function dayAndTime(at: Date): string {
  const p = partsOf(at, {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${p.day} ${p.month} om ${p.hour}:${p.minute}`;
}

const quoted = (name: string) => `„${name}”`;

/** Whether the person may perform the action on the campaign's kind, by the one role table. */
function may(person: TaskPerson, action: CampaignAction, campaign: Campaign): boolean {
  return campaignActionRole({ roles: person.roles }, action, campaign.kind) !== null;
}

/** Whoever prepared or changed it: the four-eyes rule keeps them from deciding on it. */
function prepared(person: TaskPerson, campaign: Campaign): boolean {
  return (
    campaign.preparers.includes(person.id) ||
    (campaign.approvalRequest?.preparedBy.includes(person.id) ?? false)
  );
}

function campaignPage(campaign: Campaign): string {
  return campaign.kind === 'sms' ? `/campagnes/${campaign.id}` : `/wijkberichten/${campaign.id}`;
}

function campaignTasks(person: TaskPerson, campaign: Campaign, sources: TaskSources, now: Date): Task[] {
  const tasks: Task[] = [];
  const task = (kind: TaskKind, text: string, href: string) =>
    tasks.push({ kind, subjectId: campaign.id, campaignId: campaign.id, text, href });
  const name = quoted(campaign.name);
  if (campaign.status === 'ready_for_approval' && !prepared(person, campaign)) {
    if (campaign.kind === 'sms' && may(person, 'approve', campaign)) {
      task(
        'approve_sms',
        `Beoordeel het verzoek om goedkeuring van ${name}.`,
        `/goedkeuringen/${campaign.id}`,
      );
    }
    if (
      campaign.kind === 'letter' &&
      may(person, 'approve', campaign) &&
      sources.responsibleByCase.get(campaign.caseId) === person.id
    ) {
      task('decide_letter', `Neem een besluit over de wijkbrief ${name}.`, `/wijkberichten/${campaign.id}`);
    }
  }
  const ownWork = campaign.preparers.includes(person.id);
  if (campaign.status === 'rejected' && ownWork && may(person, 'submit', campaign)) {
    task(
      'campaign_rejected',
      `${name} is afgewezen: pas de campagne aan en bied haar opnieuw aan.`,
      campaignPage(campaign),
    );
  }
  const unknown = sources.unknownOutcomes.get(campaign.id) ?? 0;
  if (
    campaign.kind === 'sms' &&
    RUNNING_STATUSES.includes(campaign.status) &&
    unknown > 0 &&
    ownWork &&
    may(person, 'resume', campaign)
  ) {
    task(
      'unknown_outcome',
      `Van ${unknown === 1 ? '1 ontvanger' : `${unknown} ontvangers`} van ${name} is de uitkomst onbekend: besluit of ze opnieuw een bericht krijgen.`,
      `/campagnes/${campaign.id}/verzending`,
    );
  }
  const expiresAt = campaign.approval ? Date.parse(campaign.approval.expiresAt) : Number.NaN;
  if (
    EXPIRY_STATUSES.includes(campaign.status) &&
    expiresAt > now.getTime() &&
    expiresAt - now.getTime() <= APPROVAL_EXPIRY_WARNING_MS &&
    ownWork &&
    may(person, 'schedule', campaign)
  ) {
    task(
      'approval_expiring',
      `De goedkeuring van ${name} verloopt ${dayAndTime(new Date(expiresAt))}.`,
      campaign.kind === 'sms' ? `/campagnes/${campaign.id}/verzending` : campaignPage(campaign),
    );
  }
  return tasks;
}

function roundTasks(person: TaskPerson, sources: TaskSources, now: Date): Task[] {
  if (!person.roles.some((role) => ROUND_TASK_ROLES.includes(role))) return [];
  const today = amsterdamDate(now);
  const names = new Map(sources.campaigns.map((c) => [c.id, c.name]));
  return sources.rounds
    .filter((round) => round.date === today)
    .flatMap((round) => {
      const open = round.streets.filter((s) => s.status !== 'delivered').length;
      if (open === 0) return [];
      const name = names.get(round.campaignId);
      const of = name === undefined ? '' : ` van ${quoted(name)}`;
      return [
        {
          kind: 'round_today' as const,
          subjectId: round.id,
          campaignId: round.campaignId,
          text: `Vandaag ${round.timeSlot.from}–${round.timeSlot.to} bezorgronde${of}: ${open} van ${round.streets.length} straten nog niet bezorgd.`,
          href: `/wijkberichten/${round.campaignId}/bezorging`,
        },
      ];
    });
}

/**
 * The tasks waiting for `person` at `now`, in a fixed order (by kind, then by text): approvals for the OM,
 * letters for their case's responsible manager, today's rounds (Europe/Amsterdam) for the area manager, and
 * for whoever prepared a campaign its rejection, recipients with an unknown outcome and an approval that ends
 * within 24 hours. Who may do what comes from core/auth/permissions.ts; four-eyes keeps a preparer's own
 * request off their list.
 */
export function myTasks(person: TaskPerson, sources: TaskSources, now: Date): Task[] {
  const tasks = [
    ...sources.campaigns.flatMap((campaign) => campaignTasks(person, campaign, sources, now)),
    ...roundTasks(person, sources, now),
  ];
  return tasks.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.text.localeCompare(b.text) ||
      a.subjectId.localeCompare(b.subjectId),
  );
}
