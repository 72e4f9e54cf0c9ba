import { actorName, csvCell, roleName } from '../core/audit/index.js';
import { CAMPAIGN_STATUS_LABELS, CampaignStatusSchema } from '../core/campaigns/campaign.schema.js';
import { NotFoundError } from '../core/errors.js';
import { PURGE_KIND_LABELS, type PurgeCertificate, PurgeKindSchema } from '../core/retention/purge.schema.js';
import { RecipientStatusSchema } from '../core/sending/recipient-status.js';
import { formatDutchDateTime } from '../core/shared/dutch-time.js';
import { type Acting, audit } from './audit.js';
import type { AppDeps } from './deps.js';
import { type PdfDownload, renderPdfDownload } from './pdf-download.js';
import { type PurgeDeps, purgeCertificate } from './purge.js';

/** One line of the certificate: the section it belongs to, what it is, and its value. */
export interface CertificateLine {
  section: 'verklaring' | 'verwijderd' | 'bewaard';
  label: string;
  value: string;
  /** One sentence that explains the value to a reader who is not an engineer. */
  note?: string;
}

/** The people a certificate names, resolved from their ids when it is shown. */
export interface CertificatePeople {
  caseName: string | null;
  /** Who asked for the purge: a person with their role, or the retention job. */
  orderedBy: string;
  /** Who approved the sending the numbers were kept for, with their role and when; null without approval. */
  approvedBy: string | null;
  /** Who carried the deletions out. */
  performedBy: string;
}

/** The fingerprint in one sentence, for readers of the certificate. */
export const FINGERPRINT_NOTE =
  'De vingerafdruk is een controlegetal (SHA-256) van precies de ontvangers, teksten, afzender en link die zijn goedgekeurd: dezelfde gegevens geven altijd hetzelfde getal, andere gegevens een ander.';

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

/** A person's name and Dutch role, as the certificate names them. */
function personWithRole(userId: string, role: string, people: ReadonlyMap<string, { displayName: string }>) {
  const name = actorName(userId, people);
  return userId.startsWith('system:') ? name : `${name} (${roleName(role)})`;
}

/**
 * The names on a certificate: who ordered the purge ("nu verwijderen" by a person, or the retention job),
 * who approved the campaign's sending, and who carried the deletions out; removed accounts stay readable.
 */
export function certificatePeople(
  certificate: PurgeCertificate,
  context: {
    people: ReadonlyMap<string, { displayName: string }>;
    caseName: string | null;
    approval: { approvedBy: string; at: string } | null;
  },
): CertificatePeople {
  const { userId, role } = certificate.orderedBy;
  const orderedBy =
    role === 'system'
      ? `${actorName(userId, context.people)}, automatisch na afloop van de bewaartermijn`
      : `${personWithRole(userId, role, context.people)}, met "nu verwijderen"`;
  const approval = context.approval;
  return {
    caseName: context.caseName,
    orderedBy,
    approvedBy: approval
      ? `${personWithRole(approval.approvedBy, 'om_liaison', context.people)}, op ${formatDutchDateTime(approval.at)}`
      : null,
    performedBy: actorName(certificate.performedBy, context.people),
  };
}

/**
 * The certificate as labelled lines, the one source of the page, the CSV and the PDF. Only ids, counts,
 * fingerprints and the legal reference: no number, no hash, no name of a contact.
 */
export function certificateLines(
  certificate: PurgeCertificate,
  people: CertificatePeople,
): CertificateLine[] {
  const lines: CertificateLine[] = [];
  const add = (section: CertificateLine['section'], label: string, value: string | number, note?: string) =>
    lines.push({
      section,
      label,
      value: typeof value === 'number' ? value.toLocaleString('nl-NL') : value,
      ...(note ? { note } : {}),
    });
  add('verklaring', 'Campagne', withoutNumbers(certificate.campaignName));
  add('verklaring', 'Zaak', people.caseName ? withoutNumbers(people.caseName) : certificate.caseId);
  add('verklaring', 'Verwijderd op (Nederlandse tijd)', formatDutchDateTime(certificate.purgedAt));
  add('verklaring', 'Opdracht gegeven door', people.orderedBy);
  add('verklaring', 'Verzending goedgekeurd door', people.approvedBy ?? 'geen goedkeuring');
  add('verklaring', 'Uitgevoerd door', people.performedBy);
  add('verklaring', 'Bewaartermijn', `${certificate.retentionDays} dagen na de laatste verzending`);
  add('verklaring', 'Status vóór verwijdering', statusLabel(certificate.fromStatus));
  add(
    'verklaring',
    'Juridische grondslag van de goedkeuring',
    certificate.legalReference ?? 'geen goedkeuring',
  );
  add(
    'verklaring',
    'Vingerafdruk van de goedgekeurde aanvraag',
    certificate.approvalFingerprint ?? 'geen',
    certificate.approvalFingerprint ? FINGERPRINT_NOTE : undefined,
  );
  add('verklaring', 'Kenmerk campagne', certificate.campaignId);
  add('verklaring', 'Kenmerk in de audittrail', certificate.auditEventId ?? 'wordt vastgelegd');
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
export function toPurgeCertificateCsv(certificate: PurgeCertificate, people: CertificatePeople): string {
  const rows = [
    ['sectie', 'onderdeel', 'waarde'],
    ...certificateLines(certificate, people).map((l) => [l.section, l.label, l.value]),
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

/** The parties who sign a printed certificate: each gets lines for name, function, date and signature. */
export const SIGNATURE_PARTIES = [
  'Voor de gemeente (verantwoordelijk voor de verwijdering)',
  'Gezien (bijvoorbeeld de functionaris gegevensbescherming of het OM)',
] as const;

/** The labels of one party's signature lines. */
export const SIGNATURE_LINES = ['Naam', 'Functie', 'Datum', 'Handtekening'] as const;

/**
 * A two-page A4 document of the certificate for the PDF renderer: the certificate, then the signature
 * block on a page of its own, so the first page's length never pushes the signatures apart.
 */
export function certificateDocument(
  certificate: PurgeCertificate,
  people: CertificatePeople,
  municipality: string,
): string {
  const lines = certificateLines(certificate, people);
  const sections = (Object.keys(SECTION_TITLES) as CertificateLine['section'][])
    .map((section) => {
      const rows = lines
        .filter((l) => l.section === section)
        .map(
          (l) =>
            `<tr><th scope="row">${escapeHtml(l.label)}</th><td>${escapeHtml(l.value)}${l.note ? `<div class="note">${escapeHtml(l.note)}</div>` : ''}</td></tr>`,
        )
        .join('');
      return `<h2>${SECTION_TITLES[section]}</h2><table>${rows}</table>`;
    })
    .join('');
  const signatures = SIGNATURE_PARTIES.map(
    (party) =>
      `<div class="party"><h3>${escapeHtml(party)}</h3>${SIGNATURE_LINES.map((l) => `<p class="line${l === 'Handtekening' ? ' tall' : ''}"><span>${l}</span><span></span></p>`).join('')}</div>`,
  ).join('');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Vernietigingsverklaring</title><style>
@page { size: A4; margin: 16mm; }
body { font-family: sans-serif; font-size: 9.5pt; color: #111; }
h1 { font-size: 15pt; margin: 0 0 3mm; } h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; } h3 { font-size: 10pt; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .8mm 2mm; border-bottom: 0.2mm solid #999; vertical-align: top; }
th { width: 45%; font-weight: normal; } td { font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.note { font-size: 8.5pt; color: #333; margin-top: 1mm; }
.signatures { break-before: page; } .party { border: 0.3mm solid #555; padding: 4mm; margin-bottom: 8mm; break-inside: avoid; }
.line { display: flex; gap: 3mm; align-items: flex-end; margin: 7mm 0 0; } .line span:first-child { width: 30mm; }
.line span:last-child { flex: 1; border-bottom: 0.3mm solid #111; height: 6mm; } .line.tall span:last-child { height: 18mm; }
</style></head><body><h1>Vernietigingsverklaring telefoonnummers</h1><p>Gemeente ${escapeHtml(municipality)}. Alle telefoonnummers van deze sms-campagne zijn verwijderd. Bewaard zijn alleen de aantallen hieronder en de audittrail. Tijden zijn Nederlandse tijd.</p>${sections}<section class="signatures"><h2>Ondertekening</h2><p>Vernietigingsverklaring van de campagne ${escapeHtml(withoutNumbers(certificate.campaignName))}, verwijderd op ${escapeHtml(formatDutchDateTime(certificate.purgedAt))}.</p>${signatures}</section></body></html>`;
}

/** What `requireCertificate` uses. */
export type RequireCertificateDeps = PurgeDeps & Pick<AppDeps, 'sending' | 'users' | 'cases'>;

/** A certificate with the people it names. */
export interface ShownCertificate {
  certificate: PurgeCertificate;
  people: CertificatePeople;
}

/**
 * The certificate of a purged campaign with the names of who ordered, approved and performed the purge;
 * NotFoundError while the campaign still has its numbers.
 */
export async function requireCertificate(
  deps: RequireCertificateDeps,
  acting: Acting,
  campaignId: string,
): Promise<ShownCertificate> {
  const { campaign, certificate } = await purgeCertificate(deps, acting, campaignId);
  if (!certificate) {
    throw new NotFoundError('No purge certificate', {
      userMessage:
        'De nummers van deze campagne zijn nog niet verwijderd; er is nog geen vernietigingsverklaring.',
      context: { campaignId },
    });
  }
  const [users, found] = await Promise.all([deps.users.list(), deps.cases.get(certificate.caseId)]);
  const people = certificatePeople(certificate, {
    people: new Map(users.map((u) => [u.id, { displayName: u.displayName }])),
    caseName: found?.name ?? null,
    approval: campaign.approval
      ? { approvedBy: campaign.approval.approvedBy, at: campaign.approval.at }
      : null,
  });
  return { certificate, people };
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
  | 'users'
  | 'cases'
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
  const { certificate, people } = await requireCertificate(deps, acting, campaignId);
  const settings = await deps.settings.get();
  const pdf = await renderPdfDownload(
    deps.pdf,
    { html: certificateDocument(certificate, people, settings?.municipality ?? ''), pages: 2 },
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
  const { certificate, people } = await requireCertificate(deps, acting, campaignId);
  await audit(deps, acting, {
    action: 'audit.exported',
    subjectType: 'campaign',
    subjectId: campaignId,
    caseId: certificate.caseId,
    campaignId,
    details: { changedFields: ['purge_certificate', 'csv'] },
  });
  return toPurgeCertificateCsv(certificate, people);
}
