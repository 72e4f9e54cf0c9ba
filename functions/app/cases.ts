import { mayBeResponsible } from '../core/auth/permissions.js';
import { type Case, CaseSchema } from '../core/campaigns/case.schema.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { User } from '../core/users/user.schema.js';
import { type Acting, audit } from './audit.js';
import { forbidden, mayPerform, mayViewCampaigns } from './campaign-access.js';
import type { AppDeps } from './deps.js';

export interface CaseInput {
  name: string;
  actionDate: string;
  municipality: string;
  areaDescription: string;
  /** Who answers for the case and decides on its wijkberichten; the creator when left out. */
  responsibleUserId?: string;
}

const FIELD_LABELS: Record<string, string> = {
  name: 'Naam van de zaak',
  actionDate: 'Datum van de actie',
  municipality: 'Gemeente',
  areaDescription: 'Gebied',
};

/** Whoever may prepare a campaign of any kind may open a case for it. */
function mayCreateCase(acting: Acting): boolean {
  return mayPerform(acting, 'edit', 'sms') || mayPerform(acting, 'edit', 'letter');
}

function mayViewCases(acting: Acting): boolean {
  return mayViewCampaigns(acting, 'sms') || mayViewCampaigns(acting, 'letter');
}

export type CreateCaseDeps = Pick<AppDeps, 'users' | 'clock' | 'ids' | 'cases' | 'audit'>;

/**
 * Opens a case (zaak) for a police action. Its responsible manager (the creator unless another active
 * colleague is named) decides on the case's wijkberichten. Audited as `case.created`.
 */
export async function createCase(deps: CreateCaseDeps, acting: Acting, input: CaseInput): Promise<Case> {
  if (!mayCreateCase(acting)) forbidden('create cases');
  const responsibleUserId = input.responsibleUserId || acting.actor.userId;
  if (responsibleUserId !== acting.actor.userId) {
    const responsible = await deps.users.get(responsibleUserId);
    if (!responsible || responsible.disabled || !mayBeResponsible(responsible.roles)) {
      throw new ValidationError('Responsible manager is not an active user who may decide', {
        userMessage: 'Kies als verantwoordelijke een actieve gebiedsmanager of communicatieadviseur.',
        context: { field: 'responsibleUserId' },
      });
    }
  }
  const now = deps.clock.now().toISOString();
  const parsed = CaseSchema.safeParse({
    id: deps.ids.next(),
    name: input.name,
    actionDate: input.actionDate,
    municipality: input.municipality,
    areaDescription: input.areaDescription,
    responsibleUserId,
    createdAt: now,
    createdBy: acting.actor.userId,
    updatedAt: now,
    version: 0,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    throw new ValidationError('Invalid case', {
      userMessage: `${FIELD_LABELS[field] ?? 'Invoer'}: ${issue?.message ?? 'ongeldig'}`,
      context: { field },
    });
  }
  await deps.cases.create(parsed.data);
  await audit(deps, acting, {
    action: 'case.created',
    subjectType: 'case',
    subjectId: parsed.data.id,
    caseId: parsed.data.id,
  });
  return parsed.data;
}

export async function listCases(deps: Pick<AppDeps, 'cases'>, acting: Acting): Promise<Case[]> {
  if (!mayViewCases(acting)) forbidden('view cases');
  return deps.cases.list();
}

export async function getCase(deps: Pick<AppDeps, 'cases'>, acting: Acting, caseId: string): Promise<Case> {
  if (!mayViewCases(acting)) forbidden('view cases');
  const found = await deps.cases.get(caseId);
  if (!found) {
    throw new NotFoundError('Case not found', {
      userMessage: 'Deze zaak bestaat niet (meer).',
      context: { caseId },
    });
  }
  return found;
}

/** The colleagues who may answer for a new case, by name. */
export async function possibleResponsibles(deps: Pick<AppDeps, 'users'>): Promise<User[]> {
  return (await deps.users.list())
    .filter((u) => !u.disabled && mayBeResponsible(u.roles))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}
