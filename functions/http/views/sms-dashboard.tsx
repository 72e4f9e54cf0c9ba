import type { Campaign } from '../../core/campaigns/campaign.schema.js';
import { formatCount, formatDateTime } from './sms-format.js';
import { StatusBadge } from './sms-views.js';

const NEXT_STEP: Partial<Record<Campaign['status'], string>> = {
  draft: 'Upload de contactlijsten, controleer de teksten en dien in.',
  rejected: 'Lees de reden van afwijzing, pas aan en dien opnieuw in.',
  ready_for_approval: 'Wacht op het besluit van het OM.',
  approved: 'Goedgekeurd: plan het versturen in.',
  expired: 'De goedkeuring is verlopen: dien opnieuw in.',
};

/** The adviser's open SMS campaigns, each with what to do next. */
export const SmsAdviserSection = ({ open }: { open: readonly Campaign[] }) =>
  open.length === 0 ? (
    <p class="utrecht-paragraph">
      Er zijn geen SMS-campagnes in voorbereiding. Maak via{' '}
      <a class="utrecht-link" href="/zaken">
        Zaken
      </a>{' '}
      een zaak aan en kies daar het sjabloon van een SMS-bom.
    </p>
  ) : (
    <ul class="utrecht-unordered-list open-items">
      {open.map((c) => (
        <li>
          <a class="utrecht-link" href={`/campagnes/${c.id}`}>
            {c.name}
          </a>{' '}
          <StatusBadge status={c.status} /> — {NEXT_STEP[c.status]}
        </li>
      ))}
    </ul>
  );

/** The OM liaison's queue: requests waiting for a decision. */
export const SmsApprovalsSection = ({ queue }: { queue: readonly Campaign[] }) =>
  queue.length === 0 ? (
    <p class="utrecht-paragraph">
      Er wachten geen verzoeken op uw besluit. Zodra een adviseur een campagne indient, verschijnt zij hier en
      op de pagina{' '}
      <a class="utrecht-link" href="/goedkeuringen">
        Goedkeuringen
      </a>
      .
    </p>
  ) : (
    <ul class="utrecht-unordered-list open-items">
      {queue.map((c) => (
        <li>
          <a class="utrecht-link" href={`/goedkeuringen/${c.id}`}>
            {c.name}
          </a>
          : {formatCount(c.approvalRequest?.counts.sendable ?? 0)} ontvangers, ingediend op{' '}
          {c.approvalRequest ? formatDateTime(c.approvalRequest.requestedAt) : ''}
        </li>
      ))}
    </ul>
  );
