import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { purgeCampaign } from '../../app/purge.js';
import {
  certificateLines,
  purgeCertificateCsv,
  purgeCertificatePdf,
  requireCertificate,
} from '../../app/purge-certificate.js';
import { purgeConfirmModel } from '../../app/sms-pages.js';
import { maskPhoneNumbers } from '../../core/audit/free-text.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { formAction } from '../form-action.js';
import { page, pdfResponse } from '../responses.js';
import { CertificatePage, PurgeConfirmPage } from '../views/purge.js';
import { csvResponse, param } from './sms-http.js';

/** The explicit confirmation: the box must be ticked (`bevestig=ja`); the use case refuses otherwise. */
export const PurgeFormSchema = z.object({
  bevestig: z
    .string()
    .optional()
    .transform((v) => v === 'ja'),
});

async function confirmPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  error?: string,
  status: ContentfulStatusCode = 200,
) {
  const model = await purgeConfirmModel(deps, actingOf(c), param(c, 'id'));
  return page(
    c,
    `Nummers verwijderen – ${model.campaign.name}`,
    <PurgeConfirmPage {...model} csrf={c.get('csrfToken')} error={error} />,
    status,
  );
}

/** "Nu verwijderen" with its confirmation, and the purge certificate as a page, CSV and PDF. */
export function purgeRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/campagnes/:id/nu-verwijderen', 'purge.now', (c) => confirmPage(c, deps));

  route(
    app,
    'post',
    '/campagnes/:id/nu-verwijderen',
    'purge.now',
    ...formAction(PurgeFormSchema, {
      run: async (c, form) => {
        const id = param(c, 'id');
        await purgeCampaign(deps, actingOf(c), id, { confirm: form.bevestig });
        return `/campagnes/${id}/vernietigingsverklaring`;
      },
      rerender: (c, message, status, error) => {
        if (error && ![409, 422].includes(status)) throw error;
        return confirmPage(c, deps, message, status);
      },
    }),
  );

  route(app, 'get', '/campagnes/:id/vernietigingsverklaring', 'purge.certificate', async (c) => {
    const { certificate, people } = await requireCertificate(deps, actingOf(c), param(c, 'id'));
    return page(
      c,
      `Vernietigingsverklaring – ${certificate.campaignName}`,
      <CertificatePage
        campaignId={certificate.campaignId}
        campaignName={maskPhoneNumbers(certificate.campaignName)}
        purgedAt={certificate.purgedAt}
        lines={certificateLines(certificate, people)}
      />,
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
