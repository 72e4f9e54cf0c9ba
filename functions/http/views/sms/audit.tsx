import type { FC } from 'hono/jsx';
import type { AuditEvent } from '../../../core/audit/audit-event.schema.js';
import { ROLE_LABELS } from '../../../core/auth/roles.js';
import { formatDateTime } from '../sms-format.js';

const AUDIT_LABELS: Partial<Record<AuditEvent['action'], string>> = {
  'case.created': 'Zaak aangemaakt',
  'campaign.created': 'Campagne aangemaakt',
  'campaign.edited': 'Campagne gewijzigd',
  'campaign.submitted': 'Ingediend ter goedkeuring',
  'campaign.approved': 'Goedgekeurd',
  'campaign.rejected': 'Afgewezen',
  'campaign.approval_withdrawn': 'Goedkeuring ingetrokken',
  'campaign.approval_voided': 'Goedkeuring of verzoek vervallen door wijziging',
  'contacts.uploaded': 'Contactlijst geüpload',
  'contacts.purged': 'Contactlijst verwijderd',
  'audit.exported': 'Audittrail geëxporteerd',
};

/** The audit section of a case or campaign page: the trail and its CSV download. */
export const AuditSection: FC<{
  title: string;
  csvPath: string;
  fileName: string;
  events: AuditEvent[];
  names: Map<string, string>;
  caption: string;
}> = ({ title, csvPath, fileName, events, names, caption }) => (
  <section aria-labelledby="audit">
    <h2 class="utrecht-heading-2" id="audit">
      {title}
    </h2>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href={csvPath} download={fileName}>
        Download de audittrail als CSV
      </a>
    </p>
    <AuditTrail events={events} names={names} caption={caption} />
  </section>
);

export const AuditTrail: FC<{ events: AuditEvent[]; names: Map<string, string>; caption: string }> = ({
  events,
  names,
  caption,
}) =>
  events.length === 0 ? (
    <p class="utrecht-paragraph">Nog geen gebeurtenissen.</p>
  ) : (
    <table class="utrecht-table audit-trail">
      <caption class="utrecht-table__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Tijd</th>
          <th scope="col">Wie</th>
          <th scope="col">Wat</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr>
            <td>{formatDateTime(e.at)}</td>
            <td>
              {names.get(e.actorUserId) ?? e.actorUserId}{' '}
              <span class="muted">({e.actorRole === 'system' ? 'systeem' : ROLE_LABELS[e.actorRole]})</span>
            </td>
            <td>{AUDIT_LABELS[e.action] ?? e.action}</td>
            <td class="details">
              {e.details.fromStatus && e.details.toStatus
                ? `${e.details.fromStatus} → ${e.details.toStatus}. `
                : ''}
              {e.details.counts
                ? Object.entries(e.details.counts)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(', ')
                : ''}
              {e.details.reason ? ` Reden: ${e.details.reason}` : ''}
              {e.details.legalReference ? ` Juridische referentie: ${e.details.legalReference}` : ''}
              {e.fingerprint ? <span class="fingerprint"> {e.fingerprint}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
