import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Acting } from '../../app/audit.js';
import { getCampaign } from '../../app/campaigns.js';
import type { AppDeps } from '../../app/deps.js';
import { PURGEABLE_STATUSES, purgeCampaign, purgeCertificate } from '../../app/purge.js';
import {
  certificateLines,
  purgeCertificateCsv,
  purgeCertificatePdf,
  requireCertificate,
} from '../../app/purge-certificate.js';
import { getSettings } from '../../app/settings.js';
import { holds } from '../../core/auth/permissions.js';
import type { Campaign } from '../../core/campaigns/campaign.schema.js';
import { isDomainError } from '../../core/errors.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { statusOf } from '../errors.js';
import { page, pdfResponse } from '../responses.js';
import { Alert } from '../views/layout.js';
import { CertificateLinks, CertificateTables, PurgeConfirmForm, RetentionSection } from '../views/purge.js';
import { csvResponse, formOf, param } from './sms-http.js';

function mayPurgeNow(acting: Acting): boolean {
  return holds(acting.actor.roles, 'purge.now');
}

/** The retention section of an SMS campaign's page (nothing for letters: they hold no phone numbers). */
export async function retentionSection(deps: AppDeps, acting: Acting, campaign: Campaign) {
  if (campaign.kind !== 'sms') return null;
  const [{ certificate }, settings] = await Promise.all([
    purgeCertificate(deps, acting, campaign.id),
    getSettings(deps),
  ]);
  return (
    <RetentionSection
      campaign={campaign}
      certificate={certificate}
      retentionDays={settings.retentionDays}
      mayPurgeNow={mayPurgeNow(acting) && PURGEABLE_STATUSES.includes(campaign.status)}
    />
  );
}

async function confirmPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  error?: string,
  status: ContentfulStatusCode = 200,
) {
  const campaign = await getCampaign(deps, actingOf(c), param(c, 'id'));
  const purgeable = campaign.kind === 'sms' && PURGEABLE_STATUSES.includes(campaign.status);
  return page(
    c,
    `Nummers verwijderen – ${campaign.name}`,
    <>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/campagnes/${campaign.id}`}>
          Terug naar de campagne
        </a>
      </p>
      <h1 class="utrecht-heading-1">Telefoonnummers nu verwijderen</h1>
      {purgeable ? (
        <PurgeConfirmForm
          campaign={campaign}
          recipients={await deps.recipients.count(campaign.id)}
          csrf={c.get('csrfToken')}
          error={error}
        />
      ) : (
        <>
          {error ? <Alert type="error">{error}</Alert> : null}
          <Alert type="warning">
            {campaign.status === 'purged'
              ? 'De nummers van deze campagne zijn al verwijderd.'
              : 'Deze campagne kan nu niet worden verwijderd. Een ingeplande of lopende verzending annuleert u eerst; een wijkbericht bevat geen telefoonnummers.'}
          </Alert>
        </>
      )}
    </>,
    status,
  );
}

/** "Nu verwijderen" with its confirmation, and the purge certificate as a page, CSV and PDF. */
export function purgeRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/campagnes/:id/nu-verwijderen', 'purge.now', (c) => confirmPage(c, deps));

  route(app, 'post', '/campagnes/:id/nu-verwijderen', 'purge.now', async (c) => {
    const id = param(c, 'id');
    const form = await formOf(c);
    try {
      await purgeCampaign(deps, actingOf(c), id, { confirm: form.bevestig === 'ja' });
    } catch (error) {
      if (isDomainError(error) && [409, 422].includes(statusOf(error))) {
        return confirmPage(c, deps, error.userMessage, statusOf(error));
      }
      throw error;
    }
    return c.redirect(`/campagnes/${id}/vernietigingsverklaring`, 303);
  });

  route(app, 'get', '/campagnes/:id/vernietigingsverklaring', 'purge.certificate', async (c) => {
    const certificate = await requireCertificate(deps, actingOf(c), param(c, 'id'));
    return page(
      c,
      `Vernietigingsverklaring – ${certificate.campaignName}`,
      <>
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/campagnes/${certificate.campaignId}`}>
            Terug naar de campagne
          </a>
        </p>
        <h1 class="utrecht-heading-1">Vernietigingsverklaring telefoonnummers</h1>
        <p class="utrecht-paragraph">
          Alle telefoonnummers van deze sms-campagne zijn verwijderd. Bewaard zijn alleen de aantallen
          hieronder en de audittrail.
        </p>
        <CertificateLinks campaignId={certificate.campaignId} />
        <CertificateTables lines={certificateLines(certificate)} />
      </>,
    );
  });

  route(app, 'get', '/campagnes/:id/vernietigingsverklaring.csv', 'purge.certificate', async (c) => {
    const id = param(c, 'id');
    const csv = await purgeCertificateCsv(deps, actingOf(c), id);
    return csvResponse(c, csv, `vernietigingsverklaring-${id}.csv`);
  });

  route(app, 'get', '/campagnes/:id/vernietigingsverklaring.pdf', 'purge.certificate', async (c) => {
    const id = param(c, 'id');
    return pdfResponse(c, await purgeCertificatePdf(deps, actingOf(c), id));
  });
}
