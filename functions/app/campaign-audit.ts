import { toAuditCsv } from '../core/audit/audit-csv.js';
import type { AuditEvent } from '../core/audit/audit-event.schema.js';
import { type Acting, audit } from './audit.js';
import { auditNames } from './audit-names.js';
import { requireVisibleCampaign } from './campaign-access.js';
import { getCase } from './cases.js';
import type { AppDeps } from './deps.js';

const LIMIT = 2000;

/** What reading and exporting a case's audit trail use. */
export type CaseAuditDeps = Pick<AppDeps, 'cases' | 'campaigns' | 'audit' | 'clock' | 'users'>;

/** The audit trail of a case, or of one of its campaigns, newest first. */
export async function caseAuditTrail(
  deps: CaseAuditDeps,
  acting: Acting,
  input: { caseId: string; campaignId?: string },
): Promise<AuditEvent[]> {
  await getCase(deps, acting, input.caseId);
  if (input.campaignId) {
    const campaign = await requireVisibleCampaign(deps, acting, input.campaignId);
    if (campaign.caseId !== input.caseId) return [];
  }
  return deps.audit.list({ caseId: input.caseId, campaignId: input.campaignId, limit: LIMIT });
}

/**
 * The trail as a formula-safe CSV for Excel, with names instead of ids. The export itself is audited: who took the trail out of the
 * platform, and of which case or campaign.
 */
export async function exportCaseAuditCsv(
  deps: CaseAuditDeps,
  acting: Acting,
  input: { caseId: string; campaignId?: string },
): Promise<string> {
  const events = await caseAuditTrail(deps, acting, input);
  const csv = toAuditCsv(events, await auditNames(deps, events));
  await audit(deps, acting, {
    action: 'audit.exported',
    subjectType: 'audit',
    subjectId: input.campaignId ?? input.caseId,
    caseId: input.caseId,
    campaignId: input.campaignId ?? null,
    details: { counts: { events: events.length } },
  });
  return csv;
}
