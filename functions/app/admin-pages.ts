import {
  AUDIT_EVENT_NAMES,
  AUDIT_SUBJECT_NAMES,
  type AuditRow,
  auditMonths,
  auditRow,
  type ParsedAuditFilters,
  parseAuditFilters,
  SYSTEM_ACTOR_NAMES,
  systemActorUserId,
  toAuditCsv,
} from '../core/audit/index.js';
import { type Acting, audit } from './audit.js';
import { type AuditNamesDeps, auditNames } from './audit-names.js';
import type { AppDeps } from './deps.js';

/** How many events the audit page shows at most, and the CSV export holds at most; both are stated. */
export const AUDIT_PAGE_LIMIT = 200;
export const AUDIT_CSV_LIMIT = 10_000;

/** A choice in one of the filter lists. */
export interface FilterOption {
  value: string;
  label: string;
}

/** What the global audit page shows. */
export interface AuditPageModel {
  rows: AuditRow[];
  filters: ParsedAuditFilters['form'];
  errors: ParsedAuditFilters['errors'];
  people: FilterOption[];
  cases: FilterOption[];
  actions: FilterOption[];
  subjects: FilterOption[];
  limit: number;
  /** More events match than are shown. */
  more: boolean;
}

/** What the audit page and its export read. */
export type AuditListingDeps = Pick<AppDeps, 'audit' | 'clock'> & AuditNamesDeps;

async function listFiltered(deps: AuditListingDeps, filters: ParsedAuditFilters, limit: number) {
  const { query } = filters;
  return deps.audit.list({
    ...query,
    ...(query.caseId ? {} : { months: auditMonths(deps.clock.now(), query) }),
    limit,
  });
}

const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label, 'nl');

/** The global audit page: the newest events matching the filters, readable, with the filters' choices. */
export async function auditPageModel(
  deps: AuditListingDeps,
  query: Record<string, string>,
): Promise<AuditPageModel> {
  const filters = parseAuditFilters(query);
  const found = await listFiltered(deps, filters, AUDIT_PAGE_LIMIT + 1);
  const events = found.slice(0, AUDIT_PAGE_LIMIT);
  const names = await auditNames(deps, events);
  const users = await deps.users.list();
  const cases = await deps.cases.list();
  return {
    rows: events.map((e) => auditRow(e, names)),
    filters: filters.form,
    errors: filters.errors,
    people: [
      ...users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })).sort(byLabel),
      ...Object.entries(SYSTEM_ACTOR_NAMES)
        .map(([job, label]) => ({ value: systemActorUserId(job), label }))
        .sort(byLabel),
    ],
    cases: cases.map((c) => ({ value: c.id, label: c.name })).sort(byLabel),
    actions: Object.entries(AUDIT_EVENT_NAMES)
      .map(([value, label]) => ({ value, label }))
      .sort(byLabel),
    subjects: Object.entries(AUDIT_SUBJECT_NAMES)
      .map(([value, label]) => ({ value, label }))
      .sort(byLabel),
    limit: AUDIT_PAGE_LIMIT,
    more: found.length > AUDIT_PAGE_LIMIT,
  };
}

/**
 * The global audit trail as CSV with the page's filters (by default the last twelve months, at most
 * `AUDIT_CSV_LIMIT` events); the export itself is an audit event.
 */
export async function exportAuditCsv(
  deps: AuditListingDeps,
  acting: Acting,
  query: Record<string, string>,
): Promise<string> {
  const filters = parseAuditFilters(query);
  const events = await listFiltered(deps, filters, AUDIT_CSV_LIMIT);
  const names = await auditNames(deps, events);
  await audit(deps, acting, {
    action: 'audit.exported',
    subjectType: 'audit',
    subjectId: 'global',
    details: { counts: { events: events.length } },
  });
  return toAuditCsv(events, names);
}
