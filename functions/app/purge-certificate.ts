import { csvCell } from '../core/audit/audit-csv.js';
import { ROLE_LABELS, RoleSchema } from '../core/auth/roles.js';
import { CAMPAIGN_STATUS_LABELS, CampaignStatusSchema } from '../core/campaigns/campaign.schema.js';
import { NotFoundError } from '../core/errors.js';
import { PURGE_KIND_LABELS, type PurgeCertificate, PurgeKindSchema } from '../core/retention/purge.schema.js';
import { RecipientStatusSchema } from '../core/sending/recipient-status.js';
import { type Acting, audit } from './audit.js';
import type { AppDeps } from './deps.js';
import { type PdfDownload, renderPdfDownload } from './pdf-download.js';
import { type PurgeDeps, purgeCertificate } from './purge.js';

/** One line of the certificate: the section it belongs to, what it is, and its value. */
export interface CertificateLine {
  section: 'verklaring' | 'verwijderd' | 'bewaard';
  label: string;
  value: string;
}

const RECIPIENT_STATUS_LABELS: Record<(typeof RecipientStatusSchema.options)[number], string> = {
  pending: 'Niet verstuurd (wachtend)',
  claimed: 'In behandeling bij het verwijderen',
  sent: 'Verstuurd, geen ontvangstbevestiging',
  delivered: 'Afgeleverd',
  failed: 'Mislukt',
  unknown: 'Onbekend of verstuurd',
  resent: 'Opnieuw aangeboden',
};

const EXCLUSION_LABELS: Record<string, string> = {
  invalid: 'Ongeldige nummers',
  duplicate: 'Dubbele nummers',
  not_mobile: 'Geen mobiel nummer',
  country_not_allowed: 'Land niet toegestaan',
  do_not_contact: 'Op de niet-benaderen-lijst',
  opt_out: 'Afgemeld (STOP)',
  recently_messaged: 'Kort geleden al een bericht gehad',
};

/** Free text typed by a person (the campaign name) with anything number-like hidden, for exports. */
function withoutNumbers(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{5,}\d/g, '•••');
}

function statusLabel(status: string): string {
  const parsed = CampaignStatusSchema.safeParse(status);
  return parsed.success ? CAMPAIGN_STATUS_LABELS[parsed.data] : status;
}

function orderLabel(certificate: PurgeCertificate): string {
  const { userId, role } = certificate.orderedBy;
  if (role === 'system') return 'de bewaartermijn (automatisch)';
  const parsed = RoleSchema.safeParse(role);
  return `${parsed.success ? ROLE_LABELS[parsed.data] : role} (${userId}), "nu verwijderen"`;
}

/**
 * The certificate as labelled lines, the one source of the page, the CSV and the PDF. Only ids, counts,
 * fingerprints and the legal reference: no number, no hash, no name of a contact.
 */
export function certificateLines(certificate: PurgeCertificate): CertificateLine[] {
  const lines: CertificateLine[] = [];
  const add = (section: CertificateLine['section'], label: string, value: string | number) =>
    lines.push({ section, label, value: typeof value === 'number' ? value.toLocaleString('nl-NL') : value });
  add('verklaring', 'Campagne', withoutNumbers(certificate.campaignName));
  add('verklaring', 'Campagne-id', certificate.campaignId);
  add('verklaring', 'Zaak-id', certificate.caseId);
  add('verklaring', 'Verwijderd op (UTC)', certificate.purgedAt);
  add('verklaring', 'Uitgevoerd door', certificate.performedBy);
  add('verklaring', 'Opdracht', orderLabel(certificate));
  add('verklaring', 'Bewaartermijn (dagen)', certificate.retentionDays);
  add('verklaring', 'Status vóór verwijdering', statusLabel(certificate.fromStatus));
  add(
    'verklaring',
    'Juridische grondslag van de goedkeuring',
    certificate.legalReference ?? 'geen goedkeuring',
  );
  add('verklaring', 'Vingerafdruk van de goedgekeurde aanvraag', certificate.approvalFingerprint ?? 'geen');
  add('verklaring', 'Auditgebeurtenis', certificate.auditEventId ?? 'wordt vastgelegd');
  for (const kind of PurgeKindSchema.options) {
    add('verwijderd', PURGE_KIND_LABELS[kind], certificate.deleted[kind] ?? 0);
  }
  for (const status of RecipientStatusSchema.options) {
    const n = certificate.statusCounts[status] ?? 0;
    if (n > 0) add('bewaard', `Ontvangers: ${RECIPIENT_STATUS_LABELS[status]}`, n);
  }
  const counts = certificate.recipientCounts;
  if (counts) {
    add('bewaard', 'Gevonden nummers', counts.imported);
    add('bewaard', 'Geldige nummers', counts.valid);
    add('bewaard', 'Te versturen na uitsluitingen', counts.sendable);
    for (const [reason, n] of Object.entries(counts.excluded).sort(([a], [b]) => a.localeCompare(b))) {
      add('bewaard', `Uitgesloten: ${EXCLUSION_LABELS[reason] ?? reason}`, n);
    }
  }
  return lines;
}

/**
 * The certificate as CSV for Dutch Excel (UTF-8 with BOM, `;`, CRLF), every cell neutralised against
 * formula injection like the audit export: it leaves the platform for the OM.
 */
export function toPurgeCertificateCsv(certificate: PurgeCertificate): string {
  const rows = [
    ['sectie', 'onderdeel', 'waarde'],
    ...certificateLines(certificate).map((l) => [l.section, l.label, l.value]),
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const SECTION_TITLES: Record<CertificateLine['section'], string> = {
  verklaring: 'Verklaring',
  verwijderd: 'Verwijderd',
  bewaard: 'Bewaard (alleen aantallen)',
};

/** A one-page A4 document of the certificate, for the PDF renderer. */
export function certificateDocument(certificate: PurgeCertificate, municipality: string): string {
  const lines = certificateLines(certificate);
  const sections = (Object.keys(SECTION_TITLES) as CertificateLine['section'][])
    .map((section) => {
      const rows = lines
        .filter((l) => l.section === section)
        .map((l) => `<tr><th scope="row">${escapeHtml(l.label)}</th><td>${escapeHtml(l.value)}</td></tr>`)
        .join('');
      return `<h2>${SECTION_TITLES[section]}</h2><table>${rows}</table>`;
    })
    .join('');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Vernietigingsverklaring</title><style>
@page { size: A4; margin: 18mm; }
body { font-family: sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 1mm 2mm; border-bottom: 0.2mm solid #999; vertical-align: top; }
th { width: 55%; font-weight: normal; } td { font-variant-numeric: tabular-nums; word-break: break-all; }
</style></head><body><h1>Vernietigingsverklaring telefoonnummers</h1><p>Gemeente ${escapeHtml(municipality)}. Alle telefoonnummers van deze sms-campagne zijn verwijderd. Bewaard zijn alleen de aantallen hieronder en de audittrail.</p>${sections}</body></html>`;
}

/** What `requireCertificate` uses. */
export type RequireCertificateDeps = PurgeDeps & Pick<AppDeps, 'sending'>;

/** The certificate of a purged campaign; NotFoundError while the campaign still has its numbers. */
export async function requireCertificate(
  deps: RequireCertificateDeps,
  acting: Acting,
  campaignId: string,
): Promise<PurgeCertificate> {
  const { certificate } = await purgeCertificate(deps, acting, campaignId);
  if (!certificate) {
    throw new NotFoundError('No purge certificate', {
      userMessage:
        'De nummers van deze campagne zijn nog niet verwijderd; er is nog geen vernietigingsverklaring.',
      context: { campaignId },
    });
  }
  return certificate;
}

/** What `purgeCertificatePdf` uses. */
export type PurgeCertificatePdfDeps = Pick<
  AppDeps,
  | 'audit'
  | 'campaigns'
  | 'clock'
  | 'contactUploads'
  | 'hashLists'
  | 'logger'
  | 'pdf'
  | 'recipients'
  | 'retention'
  | 'sending'
  | 'settings'
>;

/**
 * The certificate as a PDF for the OM, rendered on request (kept only as long as its download link lasts)
 * and audited as an export.
 */
export async function purgeCertificatePdf(
  deps: PurgeCertificatePdfDeps,
  acting: Acting,
  campaignId: string,
): Promise<PdfDownload> {
  const certificate = await requireCertificate(deps, acting, campaignId);
  const settings = await deps.settings.get();
  const pdf = await renderPdfDownload(
    deps.pdf,
    { html: certificateDocument(certificate, settings?.municipality ?? ''), pages: 1 },
    `vernietigingsverklaring-${campaignId}.pdf`,
  );
  await audit(deps, acting, {
    action: 'audit.exported',
    subjectType: 'campaign',
    subjectId: campaignId,
    caseId: certificate.caseId,
    campaignId,
    details: { changedFields: ['purge_certificate', 'pdf'] },
  });
  return pdf;
}

/** What `purgeCertificateCsv` uses. */
export type PurgeCertificateCsvDeps = RequireCertificateDeps;

/** The certificate as CSV, audited as an export like the PDF. */
export async function purgeCertificateCsv(
  deps: PurgeCertificateCsvDeps,
  acting: Acting,
  campaignId: string,
): Promise<string> {
  const certificate = await requireCertificate(deps, acting, campaignId);
  await audit(deps, acting, {
    action: 'audit.exported',
    subjectType: 'campaign',
    subjectId: campaignId,
    caseId: certificate.caseId,
    campaignId,
    details: { changedFields: ['purge_certificate', 'csv'] },
  });
  return toPurgeCertificateCsv(certificate);
}
