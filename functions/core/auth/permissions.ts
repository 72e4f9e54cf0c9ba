import type { CampaignKind } from '../campaigns/campaign.schema.js';
import type { CampaignAction } from '../campaigns/campaign-action.js';
import { type Role, RoleSchema } from './roles.js';

/**
 * THE answer to "who may do what": every rule about roles lives in this file. The route guards, the menu
 * and the use cases all read it; nothing else lists roles.
 *
 * - Who may approve an SMS campaign: a person in the `om_liaison` role (`CAMPAIGN_ACTION_ROLES.sms.approve`)
 *   who did not prepare or change it (four-eyes: `assertFourEyes` in core/campaigns/approval.ts).
 * - Who may decide on letters (approve, reject, withdraw): a person in one of `LETTER_DECIDER_ROLES` who is
 *   the case's responsible manager (`assertLetterDecider` in core/campaigns/approval.ts), four-eyes too.
 * - What a distributor may see: only the rounds they carry and those rounds' streets (`distribution.carry`
 *   here; the rule itself is `carriesRound` in app/distribution.ts).
 */

/** A person in a role, or a scheduled job (`system`). */
export type ActingRole = Role | 'system';

/** Roles in which a case's responsible manager decides on its letters: the roles that work on letters. */
export const LETTER_DECIDER_ROLES: readonly ActingRole[] = ['area_manager', 'adviser'];

/**
 * Who is given the day's distribution rounds as a task on their overview ("Mijn taken", core/tasks): the
 * role that plans and tracks distribution. The other tasks follow from the campaign action table below (who
 * may approve, decide, resubmit, schedule or resume).
 */
export const ROUND_TASK_ROLES: readonly Role[] = ['area_manager'];

const SMS_ROLES: Readonly<Record<CampaignAction, readonly ActingRole[]>> = {
  edit: ['adviser'],
  submit: ['adviser'],
  // Only the OM approves an SMS campaign (and never the person who submitted it: see core/campaigns/approval.ts).
  approve: ['om_liaison'],
  reject: ['om_liaison'],
  withdraw: ['om_liaison'],
  schedule: ['adviser'],
  start: ['adviser', 'system'],
  pause: ['adviser', 'admin'],
  resume: ['adviser'],
  complete: ['system'],
  cancel: ['adviser', 'admin'],
  expire: ['system'],
  purge: ['admin', 'system'],
};

/**
 * The role × action table of campaigns: which roles may perform each action, per campaign kind. Letters may
 * also be prepared and planned by the area manager. The OM decides on SMS campaigns; a letter campaign is
 * decided by its case's responsible manager, whatever their role of `LETTER_DECIDER_ROLES` (checked with the
 * case by `assertLetterDecider` in core/campaigns/approval.ts). Distributors act on streets, never on campaigns.
 */
export const CAMPAIGN_ACTION_ROLES: Readonly<
  Record<CampaignKind, Readonly<Record<CampaignAction, readonly ActingRole[]>>>
> = {
  sms: SMS_ROLES,
  letter: {
    ...SMS_ROLES,
    // `system`: only `settings`, following a change of the municipality settings (see `assertSystemEdit`).
    edit: ['adviser', 'area_manager', 'system'],
    submit: ['adviser', 'area_manager'],
    schedule: ['adviser', 'area_manager'],
    start: ['adviser', 'area_manager', 'system'],
    pause: ['adviser', 'area_manager', 'admin'],
    resume: ['adviser', 'area_manager'],
    cancel: ['adviser', 'area_manager', 'admin'],
    approve: LETTER_DECIDER_ROLES,
    reject: LETTER_DECIDER_ROLES,
    withdraw: LETTER_DECIDER_ROLES,
  },
};

/**
 * Everything else a role may do: the pages and records outside a campaign's lifecycle. Route guards name
 * one of these permissions; the menu shows an entry to whoever holds its permission.
 */
export const PERMISSIONS = {
  /** The overview page every signed-in person starts on. */
  'overview.view': RoleSchema.options,
  /** Cases and the campaigns in them (the distributor sees only their streets). */
  'cases.view': ['adviser', 'om_liaison', 'area_manager', 'admin'],
  'cases.edit': ['adviser', 'area_manager'],
  /** SMS campaigns: prepared by the adviser, decided by the OM (the approval queue). */
  'sms.prepare': ['adviser'],
  'sms.decide': ['om_liaison'],
  /** Sending: who watches a campaign being sent, and who may pause, resume or cancel it. */
  'sending.view': ['adviser', 'om_liaison', 'admin'],
  'sending.act': ['adviser', 'admin'],
  /** Letters (wijkberichten): prepared, planned and decided by the area manager or the adviser. */
  'letters.prepare': ['area_manager', 'adviser'],
  /** Long-running work (print views, PDFs) started from the letter pages. */
  'jobs.follow': ['area_manager', 'adviser'],
  /** The distributor's own rounds: the streets they carry and nothing else. */
  'distribution.carry': ['distributor'],
  /** A case's results: adviser and admin all of it, the OM the SMS part, the area manager the letters. */
  'results.view': ['adviser', 'om_liaison', 'area_manager', 'admin'],
  'results.sms': ['adviser', 'admin', 'om_liaison'],
  'results.letters': ['adviser', 'admin', 'area_manager'],
  /** What worked across cases (variant results). */
  'results.variants': ['adviser', 'admin'],
  /** Purging an SMS campaign now, and reading its certificate. */
  'purge.now': ['admin', 'om_liaison'],
  'purge.certificate': ['adviser', 'om_liaison', 'admin'],
  /** Users, settings, the audit trail and the do-not-contact list. */
  'admin.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The roles holding a permission. */
export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

/** The first of the person's roles that holds the permission, or undefined. */
export function roleFor<P extends Permission>(
  roles: readonly Role[],
  permission: P,
): (typeof PERMISSIONS)[P][number] | undefined {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return RoleSchema.options.find(
    (role): role is (typeof PERMISSIONS)[P][number] => roles.includes(role) && allowed.includes(role),
  );
}

/** Whether any of the person's roles holds the permission. */
export function holds(roles: readonly Role[], permission: Permission): boolean {
  return roleFor(roles, permission) !== undefined;
}

/** Who may answer for a case: a person in a role that decides on its letters. */
export function mayBeResponsible(roles: readonly Role[]): boolean {
  return roles.some((role) => LETTER_DECIDER_ROLES.includes(role));
}

/** The role in which an actor may perform a campaign action, or null when none of their roles may. */
export function campaignActionRole(
  actor: { system: string } | { roles: readonly Role[] },
  action: CampaignAction,
  kind: CampaignKind,
): ActingRole | null {
  const allowed = CAMPAIGN_ACTION_ROLES[kind][action];
  if ('system' in actor) return allowed.includes('system') ? 'system' : null;
  return RoleSchema.options.find((role) => actor.roles.includes(role) && allowed.includes(role)) ?? null;
}
