import {
  AuditActionSchema,
  type AuditEvent,
  AuditSubjectTypeSchema,
  toAuditCsv,
} from '../core/audit/index.js';
import { type Acting, audit, listAudit } from './audit.js';
import { listUsers } from './users.js';

// biome-ignore lint/suspicious/noExplicitAny: only the first parameter's type is read
type DepsOf<F extends (deps: any, ...rest: any[]) => unknown> = Parameters<F>[0];

/** The filters of the audit page as its query gives them (`actie`, `onderwerp`); unknown values are ignored. */
export function auditFilters(query: Record<string, string>) {
  const action = AuditActionSchema.safeParse(query.actie);
  const subject = AuditSubjectTypeSchema.safeParse(query.onderwerp);
  return {
    ...(action.success ? { action: action.data } : {}),
    ...(subject.success ? { subjectType: subject.data } : {}),
  };
}

/** The global audit page: the recent events matching the filters, and who each actor is. */
export async function auditPageModel(
  deps: DepsOf<typeof listAudit> & DepsOf<typeof listUsers>,
  query: Record<string, string>,
): Promise<{ events: AuditEvent[]; users: Map<string, string>; filters: Record<string, string> }> {
  const [events, users] = await Promise.all([listAudit(deps, auditFilters(query)), listUsers(deps)]);
  const filters = Object.fromEntries(
    Object.entries({ actie: query.actie ?? '', onderwerp: query.onderwerp ?? '' }).filter(([, v]) => v),
  );
  return { events, filters, users: new Map(users.map((u) => [u.id, u.username])) };
}

/** The global audit trail as CSV (a year back); the export itself is an audit event. */
export async function exportAuditCsv(
  deps: DepsOf<typeof listAudit> & DepsOf<typeof audit>,
  acting: Acting,
  query: Record<string, string>,
): Promise<string> {
  const events = await listAudit(deps, { ...auditFilters(query), limit: 10_000 }, 12);
  await audit(deps, acting, {
    action: 'audit.exported',
    subjectType: 'audit',
    subjectId: 'global',
    details: { counts: { events: events.length } },
  });
  return toAuditCsv(events);
}
