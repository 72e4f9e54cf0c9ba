import type { AuditEvent } from './audit-event.schema.js';
import { type AuditNames, auditRow } from './audit-row.js';
import { auditFactsLine, reasonText } from './event-details.js';

const BOM = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';

/**
 * First characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula or a DDE call,
 * including the full-width forms some spreadsheet programs fold to ASCII.
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * Makes one value safe for a spreadsheet cell: neutralises a formula start with a leading apostrophe (the
 * OWASP recommendation) and quotes the cell when it holds the separator, a quote or a line break.
 *
 * Leading whitespace is looked through, because spreadsheet programs trim it before they evaluate.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text) || FORMULA_START.test(text.trimStart())) text = `'${text}`;
  if (/[;"\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

const HEADER = [
  'tijdstip',
  'wie',
  'rol',
  'gebeurtenis',
  'onderwerp',
  'zaak',
  'campagne',
  'details',
  'reden',
  'juridische_referentie',
  'vingerafdruk',
  'kenmerk',
  'code',
] as const;

/**
 * Renders audit events as a CSV file for Dutch Excel: UTF-8 with BOM, `;`-separated, CRLF line ends; the
 * time in Amsterdam as `dd-mm-jjjj uu:mm`, people by name and role, events by their Dutch name. The event's
 * id and code close each row, so a line can be traced back to the trail.
 *
 * The export leaves the platform and is opened by people outside it, so every cell is neutralised against
 * formula injection; reasons and names are the user-typed texts that can reach it.
 */
export function toAuditCsv(events: readonly AuditEvent[], names: AuditNames): string {
  const lines = [HEADER.join(SEPARATOR)];
  for (const event of events) {
    const d = event.details;
    const row = auditRow(event, names);
    const cells = [
      row.time,
      row.who,
      row.role,
      row.event,
      row.subject,
      row.case?.name,
      row.campaign?.name,
      auditFactsLine(event),
      d.reason === undefined ? undefined : reasonText(d.reason),
      d.legalReference,
      event.fingerprint,
      event.id,
      event.action,
    ];
    lines.push(cells.map(csvCell).join(SEPARATOR));
  }
  return BOM + lines.join(LINE_END) + LINE_END;
}
