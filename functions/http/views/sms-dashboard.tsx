import { listApprovalQueue, listCampaignsByStatus } from '../../app/campaigns.js';
import type { AppDeps } from '../../app/deps.js';
import type { Role } from '../../core/auth/roles.js';
import type { Campaign } from '../../core/campaigns/campaign.schema.js';
import type { DashboardSection } from '../routes/dashboard.js';
import { formatCount, formatDateTime } from './sms-format.js';
import { StatusBadge } from './sms-views.js';

async function actingFor(deps: AppDeps, userId: string, role: Role) {
  const user = await deps.users.get(userId);
  return {
    actor: { userId, username: user?.username ?? userId, roles: user?.roles ?? [] },
    role,
  };
}

const NEXT_STEP: Partial<Record<Campaign['status'], string>> = {
  draft: 'Upload de contactlijsten, controleer de teksten en dien in.',
  rejected: 'Lees de reden van afwijzing, pas aan en dien opnieuw in.',
  ready_for_approval: 'Wacht op het besluit van het OM.',
  approved: 'Goedgekeurd: plan het versturen in.',
  expired: 'De goedkeuring is verlopen: dien opnieuw in.',
};

/** The adviser's open SMS campaigns, each with what to do next. */
export const SMS_ADVISER_SECTION: DashboardSection = {
  title: 'SMS-bom',
  render: async (deps, userId) => {
    const acting = await actingFor(deps, userId, 'adviser');
    const open = (
      await listCampaignsByStatus(deps, acting, [
        'rejected',
        'draft',
        'expired',
        'ready_for_approval',
        'approved',
      ])
    ).filter((c) => c.kind === 'sms');
    if (open.length === 0) {
      return (
        <p class="utrecht-paragraph">
          Er zijn geen SMS-campagnes in voorbereiding. Maak via{' '}
          <a class="utrecht-link" href="/zaken">
            Zaken
          </a>{' '}
          een zaak aan en kies daar het sjabloon van een SMS-bom.
        </p>
      );
    }
    return (
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
  },
};

/** The OM liaison's queue: requests waiting for a decision. */
export const SMS_APPROVALS_SECTION: DashboardSection = {
  title: 'Verzoeken om goedkeuring',
  render: async (deps, userId) => {
    const queue = await listApprovalQueue(deps, await actingFor(deps, userId, 'om_liaison'));
    if (queue.length === 0) {
      return (
        <p class="utrecht-paragraph">
          Er wachten geen verzoeken op uw besluit. Zodra een adviseur een campagne indient, verschijnt zij
          hier en op de pagina{' '}
          <a class="utrecht-link" href="/goedkeuringen">
            Goedkeuringen
          </a>
          .
        </p>
      );
    }
    return (
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
  },
};
