import type { AuditAction, AuditSubjectType } from './audit-event.schema.js';

/**
 * The Dutch name of every audit event, the one table the audit page, its CSV and the case pages read.
 * Typed over the whole vocabulary: an event added to `AuditActionSchema` without a line here does not
 * compile, and `test/unit/audit/event-names.test.ts` also scans the sources for event codes without one.
 */
export const AUDIT_EVENT_NAMES: Record<AuditAction, string> = {
  'case.created': 'Zaak aangemaakt',
  'case.updated': 'Zaak gewijzigd',
  'campaign.created': 'Campagne aangemaakt',
  'campaign.edited': 'Campagne gewijzigd',
  'campaign.submitted': 'Ingediend ter goedkeuring',
  'campaign.approved': 'Goedgekeurd',
  'campaign.rejected': 'Afgewezen',
  'campaign.approval_withdrawn': 'Goedkeuring ingetrokken',
  'campaign.approval_voided': 'Goedkeuring of verzoek vervallen door wijziging',
  'campaign.scheduled': 'Verzending ingepland',
  'campaign.started': 'Verzending gestart',
  'campaign.paused': 'Verzending gepauzeerd',
  'campaign.resumed': 'Verzending hervat',
  'campaign.completed': 'Campagne afgerond',
  'campaign.cancelled': 'Campagne geannuleerd',
  'campaign.expired': 'Goedkeuring verlopen',
  'campaign.purged': 'Telefoonnummers vernietigd',
  'contacts.uploaded': 'Contactlijst geüpload',
  'contacts.purged': 'Contactlijst verwijderd',
  'sending.batch_dispatched': 'Berichten aangeboden aan de sms-dienst',
  'sending.resend_confirmed': 'Opnieuw versturen bevestigd',
  'optout.recorded': 'Afmelding vastgelegd',
  'letters.rendered': 'Brieven gemaakt',
  'letters.exported': 'Brieven gedownload',
  'distribution.planned': 'Bezorgronde gepland of gewijzigd',
  'distribution.street_completed': 'Bezorging van een straat bijgewerkt',
  'settings.changed': 'Instellingen gewijzigd',
  'user.changed': 'Gebruiker gewijzigd',
  'user.signed_in': 'Ingelogd',
  'user.signed_out': 'Uitgelogd',
  'user.login_failed': 'Inloggen mislukt',
  'user.login_throttled': 'Inloggen tijdelijk vertraagd',
  'notification.sent': 'Taakmelding gemaild',
  'notification.failed': 'Taakmelding niet verstuurd',
  'exclusion_list.changed': 'Niet-benaderen-lijst gewijzigd',
  'audit.exported': 'Gegevens gedownload',
  'job.started': 'Achtergrondtaak gestart',
  'job.retried': 'Achtergrondtaak opnieuw gestart',
  'job.failed': 'Achtergrondtaak mislukt',
  'test_number.added': 'Testnummer toegevoegd',
  'test_number.removed': 'Testnummer verwijderd',
  'campaign.test_sms_requested': 'Test-sms aangevraagd',
  'campaign.test_sms_sent': 'Test-sms verstuurd',
};

/** What an event is about, in Dutch. */
export const AUDIT_SUBJECT_NAMES: Record<AuditSubjectType, string> = {
  case: 'Zaak',
  campaign: 'Campagne',
  contact_upload: 'Contactlijst',
  letter: 'Brief',
  distribution: 'Bezorging',
  settings: 'Instellingen',
  user: 'Gebruiker',
  exclusion_list: 'Niet-benaderen-lijst',
  audit: 'Audittrail',
  job: 'Achtergrondtaak',
  test_number: 'Testnummer',
};

/** `exclusion_list` → `exclusion list`: a vocabulary word made readable where no Dutch label exists. */
export function readableWord(word: string): string {
  const text = word
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();
  return text === '' ? 'onbekend' : text;
}

/**
 * The Dutch name of an event code. A code this version does not know (an older or newer vocabulary) is
 * made readable ("Onbekende gebeurtenis: notification sent") rather than shown raw.
 */
export function auditEventName(action: string): string {
  const known = (AUDIT_EVENT_NAMES as Record<string, string | undefined>)[action];
  if (known !== undefined && Object.hasOwn(AUDIT_EVENT_NAMES, action)) return known;
  return `Onbekende gebeurtenis: ${readableWord(action)}`;
}

/** The Dutch name of a subject type, readable for an unknown one. */
export function auditSubjectName(subject: string): string {
  return Object.hasOwn(AUDIT_SUBJECT_NAMES, subject)
    ? AUDIT_SUBJECT_NAMES[subject as AuditSubjectType]
    : readableWord(subject);
}
