import type { AuditDetails, AuditEvent } from './audit-event.schema.js';

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
  'id',
  'tijdstip',
  'gebruiker',
  'rol',
  'actie',
  'onderwerp',
  'onderwerp_id',
  'zaak',
  'campagne',
  'vingerafdruk',
  'van_status',
  'naar_status',
  'aantallen',
  'reden',
  'juridische_referentie',
  'overige',
] as const;

function formatCounts(counts: AuditDetails['counts']): string {
  if (counts === undefined) return '';
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key}=${n}`)
    .join(', ');
}

function formatOther(details: AuditDetails): string {
  const { fromStatus, toStatus, counts, reason, legalReference, ...rest } = details;
  return Object.entries(rest)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('|') : String(value)}`)
    .join(', ');
}

/**
 * Renders audit events as a CSV file for Dutch Excel: UTF-8 with BOM, `;`-separated, CRLF line ends.
 *
 * The export leaves the platform and is opened by people outside it, so every cell is neutralised against
 * formula injection; reasons are the only user-typed texts that can reach it.
 */
export function toAuditCsv(events: readonly AuditEvent[]): string {
  const lines = [HEADER.join(SEPARATOR)];
  for (const event of events) {
    const d = event.details;
    const cells = [
      event.id,
      event.at,
      event.actorUserId,
      event.actorRole,
      event.action,
      event.subjectType,
      event.subjectId,
      event.caseId,
      event.campaignId,
      event.fingerprint,
      d.fromStatus,
      d.toStatus,
      formatCounts(d.counts),
      d.reason,
      d.legalReference,
      formatOther(d),
    ];
    lines.push(cells.map(csvCell).join(SEPARATOR));
  }
  return BOM + lines.join(LINE_END) + LINE_END;
}
