import { amsterdamDayEnd, amsterdamDayStart } from '../shared/dutch-time.js';
import { EntityIdSchema } from '../shared/primitives.schema.js';
import {
  type AuditAction,
  AuditActionSchema,
  type AuditSubjectType,
  AuditSubjectTypeSchema,
} from './audit-event.schema.js';

/** The filter fields of the audit page and its CSV, by their name in the URL. */
export const AUDIT_FILTER_FIELDS = ['van', 'tot', 'persoon', 'zaak', 'actie', 'onderwerp'] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

/** How far back a listing without a "van" date looks, and the longest period one listing scans. */
export const DEFAULT_MONTHS_BACK = 12;
const MAX_MONTHS = 60;

/** What the store is asked for. */
export interface AuditFilterQuery {
  action?: AuditAction;
  subjectType?: AuditSubjectType;
  actorUserId?: string;
  caseId?: string;
  from?: string;
  until?: string;
}

export interface ParsedAuditFilters {
  query: AuditFilterQuery;
  /** The accepted values, normalised (days as `jjjj-mm-dd`): the form's values and the CSV link's query. */
  form: Partial<Record<AuditFilterField, string>>;
  /** Refused values, each with a Dutch message; a refused filter is left out, never guessed. */
  errors: { field: AuditFilterField; message: string }[];
}

/** `2026-12-04` or `04-12-2026` (what a browser without a date picker lets people type) as `2026-12-04`. */
export function parseDay(text: string): string | undefined {
  const trimmed = text.trim();
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(trimmed);
  const day = dutch ? `${dutch[3]}-${dutch[2]?.padStart(2, '0')}-${dutch[1]?.padStart(2, '0')}` : trimmed;
  return amsterdamDayStart(day) === undefined ? undefined : day;
}

/**
 * The audit filters from a query string. Days are Amsterdam calendar days: "van" from its midnight, "tot"
 * up to and including the whole day. Unknown event types and malformed ids are refused with a message.
 */
export function parseAuditFilters(input: Record<string, string | undefined>): ParsedAuditFilters {
  const query: AuditFilterQuery = {};
  const form: ParsedAuditFilters['form'] = {};
  const errors: ParsedAuditFilters['errors'] = [];
  const text = (field: AuditFilterField) => (input[field] ?? '').trim();

  for (const field of ['van', 'tot'] as const) {
    const value = text(field);
    if (value === '') continue;
    const day = parseDay(value);
    if (day === undefined) {
      errors.push({ field, message: `Vul bij "${field}" een datum in als dd-mm-jjjj.` });
      continue;
    }
    form[field] = day;
    if (field === 'van') query.from = amsterdamDayStart(day);
    else query.until = amsterdamDayEnd(day);
  }
  if (query.from !== undefined && query.until !== undefined && query.from >= query.until) {
    errors.push({ field: 'tot', message: 'De datum "tot" ligt vóór de datum "van".' });
    delete query.until;
    delete form.tot;
  }

  const action = text('actie');
  if (action !== '') {
    const parsed = AuditActionSchema.safeParse(action);
    if (parsed.success) {
      query.action = parsed.data;
      form.actie = parsed.data;
    } else errors.push({ field: 'actie', message: 'Kies een gebeurtenis uit de lijst.' });
  }
  const subject = text('onderwerp');
  if (subject !== '') {
    const parsed = AuditSubjectTypeSchema.safeParse(subject);
    if (parsed.success) {
      query.subjectType = parsed.data;
      form.onderwerp = parsed.data;
    } else errors.push({ field: 'onderwerp', message: 'Kies een onderwerp uit de lijst.' });
  }
  for (const [field, key] of [
    ['persoon', 'actorUserId'],
    ['zaak', 'caseId'],
  ] as const) {
    const value = text(field);
    if (value === '') continue;
    if (EntityIdSchema.safeParse(value).success) {
      query[key] = value;
      form[field] = value;
    } else errors.push({ field, message: `Kies een ${field} uit de lijst.` });
  }
  return { query, form, errors };
}

/**
 * The month buckets (`jjjj-mm`, newest first) a listing scans: from the month of `until` (or now) back to
 * the month of `from` (or `DEFAULT_MONTHS_BACK` months), at most five years.
 */
export function auditMonths(now: Date, period: { from?: string; until?: string }): string[] {
  const end = period.until === undefined ? now : new Date(Date.parse(period.until) - 1);
  const start =
    period.from === undefined
      ? new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (DEFAULT_MONTHS_BACK - 1), 1))
      : new Date(period.from);
  const months: string[] = [];
  for (let i = 0; i < MAX_MONTHS; i++) {
    const month = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - i, 1));
    if (month.getTime() < Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1)) break;
    months.push(month.toISOString().slice(0, 7));
  }
  return months;
}
