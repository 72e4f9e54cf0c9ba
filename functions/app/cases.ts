import { type Case, CaseSchema } from '../core/campaigns/case.schema.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { type Acting, audit } from './audit.js';
import { forbidden, mayPerform, mayViewCampaigns } from './campaign-access.js';
import type { AppDeps } from './deps.js';

export interface CaseInput {
  name: string;
  actionDate: string;
  municipality: string;
  areaDescription: string;
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

/** Opens a case (zaak) for a police action; the creator answers for it. Audited as `case.created`. */
export async function createCase(deps: AppDeps, acting: Acting, input: CaseInput): Promise<Case> {
  if (!mayCreateCase(acting)) forbidden('create cases');
  const now = deps.clock.now().toISOString();
  const parsed = CaseSchema.safeParse({
    id: deps.ids.next(),
    name: input.name,
    actionDate: input.actionDate,
    municipality: input.municipality,
    areaDescription: input.areaDescription,
    responsibleUserId: acting.actor.userId,
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

export async function listCases(deps: AppDeps, acting: Acting): Promise<Case[]> {
  if (!mayViewCases(acting)) forbidden('view cases');
  return deps.cases.list();
}

export async function getCase(deps: AppDeps, acting: Acting, caseId: string): Promise<Case> {
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
