import { CAMPAIGN_STATUS_LABELS, CampaignStatusSchema } from '../campaigns/campaign.schema.js';
import { formatDutchDateTime } from '../shared/dutch-time.js';
import { TASK_KIND_LABELS, TaskKindSchema } from '../tasks/my-tasks.js';
import type { AuditDetails, AuditEvent } from './audit-event.schema.js';
import { readableWord } from './event-names.js';

/** One line of an event's details as a person reads it: a Dutch label and its value. */
export interface AuditFact {
  label: string;
  value: string;
}

/** Status words other than the campaign's that events record (letter output, distribution, jobs). */
const STATUS_WORDS: Record<string, string> = {
  pdf: 'pdf',
  distribution_list: 'bezorglijst',
  addressed: 'geadresseerd',
  unaddressed: 'ongeadresseerd',
  planned: 'gepland',
  in_progress: 'onderweg',
  delivered: 'bezorgd',
  done: 'klaar',
  skipped: 'overgeslagen',
  not_delivered: 'niet bezorgd',
  open: 'open',
  notifications_on: 'taakmeldingen per e-mail aan',
  notifications_off: 'taakmeldingen per e-mail uit',
};

/** Counters events record, by their vocabulary word. */
const COUNT_WORDS: Record<string, string> = {
  events: 'gebeurtenissen',
  approved: 'goedgekeurde ontvangers',
  recipients: 'ontvangers',
  distinct: 'unieke nummers',
  numbers: 'nummers',
  numbers_found: 'gevonden nummers',
  valid: 'geldige nummers',
  invalid: 'ongeldige nummers',
  records: 'regels of kaarten',
  bytes: 'bytes',
  problems: 'problemen',
  total: 'totaal',
  ignored_lines: 'overgeslagen regels',
  failures: 'mislukte pogingen',
  letters: 'brieven',
  pages: "pagina's",
  streets: 'straten',
  rounds: 'bezorgrondes',
  team: 'bezorgers',
  points: 'locaties',
  radius_m: 'straal (meter)',
  attempt: 'poging',
  claimed: 'opgepakt',
  sent: 'verstuurd',
  failed: 'mislukt',
  unknown: 'onbekend',
  released: 'teruggelegd',
  imported: 'gevonden',
  sendable: 'te versturen',
  retention_days: 'bewaartermijn (dagen)',
  recipient_items: 'ontvangers verwijderd',
  extraction_items: 'uit bestanden gehaalde nummers verwijderd',
  outbox_messages: 'lokale berichten verwijderd',
  outbox_receipts: 'lokale ontvangstbevestigingen verwijderd',
  upload_reports_redacted: 'uploadverslagen opgeschoond',
};

/** Field and choice words events record in `changedFields`. */
const FIELD_WORDS: Record<string, string> = {
  name: 'naam',
  variants: 'varianten',
  help_link: 'hulplink',
  sender_name: 'afzendernaam',
  recipients: 'ontvangers',
  letter: 'brief',
  planned_window: 'verzendperiode',
  quiet_hours: 'stille uren',
  rate: 'verzendsnelheid',
  area: 'gebied',
  streets: 'straten',
  mode: 'keuze per straat',
  notes: 'notities',
  created: 'aangemaakt',
  disabled: 'uitgeschakeld',
  enabled: 'ingeschakeld',
  password: 'wachtwoord',
  provisioned: 'aangemaakt via de inlogdienst',
  roles: 'rollen',
  added: 'toegevoegd',
  removed: 'verwijderd',
  accepted: 'geaccepteerd',
  refused: 'geweigerd',
  purge_certificate: 'vernietigingsverklaring',
  case_results: 'resultaten van de zaak',
  csv: 'CSV',
  pdf: 'PDF',
  vcard: 'vCard',
  xlsx: 'Excel',
  adviser: 'communicatieadviseur',
  om_liaison: 'contactpersoon OM',
  area_manager: 'gebiedsmanager',
  distributor: 'bezorger',
  admin: 'beheerder',
  municipality: 'naam gemeente',
  primary_color: 'huisstijlkleur',
  logo: 'logo',
  retention_days: 'bewaartermijn',
  allowed_link_domains: 'toegestane linkdomeinen',
  price_per_segment_eur: 'prijs per sms-deel',
  sender_line: 'afzenderregel',
  max_rate_per_second: 'maximale verzendsnelheid',
  account: 'account',
  ip: 'netwerkadres',
  username: 'gebruikersnaam',
  email: 'e-mailadres',
  notify_by_email: 'taakmeldingen per e-mail',
};

/** Reasons the platform itself records, in English in storage, shown in Dutch. */
const SYSTEM_REASONS: Record<string, string> = {
  'municipality settings changed': 'De gemeente-instellingen in de brief zijn gewijzigd.',
};

/** A recorded reason as shown: the person's own words, or the Dutch text of a reason the platform records. */
export function reasonText(reason: string): string {
  return Object.hasOwn(SYSTEM_REASONS, reason) ? (SYSTEM_REASONS[reason] as string) : reason;
}

const COUNT = new Intl.NumberFormat('nl-NL');

function lookup(words: Record<string, string>, word: string): string {
  return Object.hasOwn(words, word) ? (words[word] as string) : readableWord(word);
}

/** A recorded status word in Dutch. */
export function statusName(status: string): string {
  const campaign = CampaignStatusSchema.safeParse(status);
  return campaign.success ? CAMPAIGN_STATUS_LABELS[campaign.data] : lookup(STATUS_WORDS, status);
}

function countsText(counts: NonNullable<AuditDetails['counts']>): string {
  return Object.entries(counts)
    .map(([key, n]) => `${lookup(COUNT_WORDS, key)}: ${COUNT.format(n)}`)
    .join(', ');
}

/**
 * An event's details as labelled Dutch lines, in a fixed order: never JSON, never an ISO timestamp. Every
 * field of the closed details schema has its line; phone numbers cannot occur, because the schema has no
 * field that could hold one (the two typed texts refuse them).
 */
export function auditFacts(event: Pick<AuditEvent, 'details' | 'fingerprint'>): AuditFact[] {
  const d = event.details;
  const facts: AuditFact[] = [];
  const add = (label: string, value: string) => facts.push({ label, value });
  if (d.fromStatus !== undefined && d.toStatus !== undefined) {
    add('Status', `van "${statusName(d.fromStatus)}" naar "${statusName(d.toStatus)}"`);
  } else if (d.toStatus !== undefined) add('Status', `naar "${statusName(d.toStatus)}"`);
  else if (d.fromStatus !== undefined) add('Status', `was "${statusName(d.fromStatus)}"`);
  if (d.changedFields !== undefined && d.changedFields.length > 0) {
    add('Betreft', d.changedFields.map((f) => lookup(FIELD_WORDS, f)).join(', '));
  }
  if (d.counts !== undefined && Object.keys(d.counts).length > 0) add('Aantallen', countsText(d.counts));
  if (d.voided !== undefined) {
    add('Vervallen', d.voided === 'approval' ? 'de goedkeuring' : 'het verzoek om goedkeuring');
  }
  if (d.requestSeq !== undefined) add('Verzoek', `nummer ${COUNT.format(d.requestSeq)}`);
  if (d.variantIds !== undefined) add('Varianten', COUNT.format(d.variantIds.length));
  if (d.scheduledAt !== undefined) add('Ingepland voor', formatDutchDateTime(d.scheduledAt));
  if (d.expiresAt !== undefined) add('Geldig tot', formatDutchDateTime(d.expiresAt));
  if (d.taskKind !== undefined) {
    const kind = TaskKindSchema.safeParse(d.taskKind);
    add('Soort taak', kind.success ? TASK_KIND_LABELS[kind.data] : readableWord(d.taskKind));
  }
  if (d.reason !== undefined) add('Reden', reasonText(d.reason));
  if (d.legalReference !== undefined) add('Juridische referentie', d.legalReference);
  if (event.fingerprint) add('Vingerafdruk', event.fingerprint);
  if (d.requestFingerprint !== undefined && d.requestFingerprint !== event.fingerprint) {
    add('Vingerafdruk van het verzoek', d.requestFingerprint);
  }
  if (d.previousFingerprint !== undefined) add('Vorige vingerafdruk', d.previousFingerprint);
  return facts;
}

/** The details on one line, for the CSV: "Status: van … naar …; Aantallen: …". */
export function auditFactsLine(event: Pick<AuditEvent, 'details' | 'fingerprint'>): string {
  return auditFacts(event)
    .filter((f) => !f.label.startsWith('Vingerafdruk') && f.label !== 'Vorige vingerafdruk')
    .filter((f) => f.label !== 'Reden' && f.label !== 'Juridische referentie')
    .map((f) => `${f.label}: ${f.value}`)
    .join('; ');
}
