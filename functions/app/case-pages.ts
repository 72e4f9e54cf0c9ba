import type { AuditEvent } from '../core/audit/audit-event.schema.js';
import { holds } from '../core/auth/permissions.js';
import type { Blueprint } from '../core/campaigns/blueprint.schema.js';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import type { Case } from '../core/campaigns/case.schema.js';
import type { User } from '../core/users/user.schema.js';
import type { Acting } from './audit.js';
import { caseAuditTrail } from './campaign-audit.js';
import { displayNames, listCaseCampaigns } from './campaigns.js';
import { listCases, possibleResponsibles } from './cases.js';
import type { AppDeps } from './deps.js';

// biome-ignore lint/suspicious/noExplicitAny: only the first parameter's type is read
type DepsOf<F extends (deps: any, ...rest: any[]) => unknown> = Parameters<F>[0];

/** The list of cases, and the colleagues a new case can be given to when the person may create one. */
export interface CasesPageModel {
  cases: Case[];
  mayCreate: boolean;
  colleagues: User[];
}

export async function casesPageModel(
  deps: DepsOf<typeof listCases> & DepsOf<typeof possibleResponsibles>,
  acting: Acting,
): Promise<CasesPageModel> {
  const cases = await listCases(deps, acting);
  const mayCreate = holds(acting.actor.roles, 'cases.edit');
  return { cases, mayCreate, colleagues: mayCreate ? await possibleResponsibles(deps) : [] };
}

/** One case: its campaigns, the blueprints a new campaign starts from, and its audit trail. */
export interface CasePageModel {
  case: Case;
  responsibleName: string | undefined;
  campaigns: Campaign[];
  blueprints: Blueprint[];
  events: AuditEvent[];
  names: Map<string, string>;
  mayCreate: boolean;
}

export async function casePageModel(
  deps: DepsOf<typeof listCaseCampaigns> &
    DepsOf<typeof caseAuditTrail> &
    DepsOf<typeof displayNames> &
    Pick<AppDeps, 'blueprints' | 'users'>,
  acting: Acting,
  found: Case,
): Promise<CasePageModel> {
  const campaigns = await listCaseCampaigns(deps, acting, found.id);
  const events = await caseAuditTrail(deps, acting, { caseId: found.id });
  const names = await displayNames(
    deps,
    events.map((e) => e.actorUserId),
  );
  return {
    case: found,
    responsibleName: (await deps.users.get(found.responsibleUserId))?.displayName,
    campaigns,
    blueprints: await deps.blueprints.list(),
    events,
    names,
    mayCreate: holds(acting.actor.roles, 'cases.edit'),
  };
}
