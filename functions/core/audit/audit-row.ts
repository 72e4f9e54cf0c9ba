import { formatDutchDateTime } from '../shared/dutch-time.js';
import { actorName, type PersonName, roleName } from './actor-names.js';
import type { AuditEvent } from './audit-event.schema.js';
import { type AuditFact, auditFacts } from './event-details.js';
import { auditEventName, auditSubjectName } from './event-names.js';
import { maskPhoneNumbers } from './free-text.js';

/** The names a listing or an export shows instead of ids: people, and the cases and campaigns referred to. */
export interface AuditNames {
  people: ReadonlyMap<string, PersonName>;
  cases?: ReadonlyMap<string, string>;
  campaigns?: ReadonlyMap<string, string>;
}

/** A reference to a case or campaign: its id (for a link) and what to call it. */
export interface AuditReference {
  id: string;
  name: string;
}

/** One event as a person reads it: every value in Dutch, no id where a name exists. */
export interface AuditRow {
  id: string;
  time: string;
  who: string;
  role: string;
  event: string;
  subject: string;
  case: AuditReference | null;
  campaign: AuditReference | null;
  facts: AuditFact[];
}

function reference(names: ReadonlyMap<string, string> | undefined, id: string | null, kind: string) {
  if (id === null) return null;
  const name = names?.get(id);
  return { id, name: name === undefined ? `${kind} (niet meer aanwezig)` : maskPhoneNumbers(name) };
}

/** The readable form of one event: the one source of the audit page, the case pages and the CSV. */
export function auditRow(event: AuditEvent, names: AuditNames): AuditRow {
  return {
    id: event.id,
    time: formatDutchDateTime(event.at),
    who: actorName(event.actorUserId, names.people),
    role: roleName(event.actorRole),
    event: auditEventName(event.action),
    subject: auditSubjectName(event.subjectType),
    case: reference(names.cases, event.caseId, 'Zaak'),
    campaign: reference(names.campaigns, event.campaignId, 'Campagne'),
    facts: auditFacts(event),
  };
}
