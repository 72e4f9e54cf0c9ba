import type { Hono } from 'hono';
import * as z from 'zod';
import { getCampaign } from '../../../app/campaigns.js';
import {
  applyCampaignExclusions,
  assertUploadBodySize,
  listContactUploads,
  removeContactUpload,
  startContactJob,
  type UploadedFile,
} from '../../../app/contact-uploads.js';
import type { AppDeps } from '../../../app/deps.js';
import { isDomainError } from '../../../core/errors.js';
import type { Job } from '../../../core/jobs/job.schema.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { statusOf } from '../../errors.js';
import { formAction } from '../../form-action.js';
import { page, stagedReturnPage, wantsJson } from '../../responses.js';
import { RemoveUploadConfirm } from '../../views/sms/upload-form.js';
import { param } from '../sms-http.js';
import { orRerender, renderCampaignPage, rerenderIn } from './campaign-page.js';

/** A form of buttons only: nothing to read but the CSRF token, which the middleware checks. */
export const ButtonForm = z.object({});

/**
 * Contact files (straight to this app, or through staging storage), removing one file's numbers, and
 * applying the exclusion lists again.
 */
export function campaignUploadRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  // Multipart with files and, from the page's script, a JSON answer: outside the form helper.
  route(app, 'post', '/campagnes/:id/uploads', 'sms.prepare', async (c) => {
    const id = param(c, 'id');
    const acting = actingOf(c);
    await getCampaign(deps, acting, id);
    const json = wantsJson(c);
    let job: Job;
    try {
      assertUploadBodySize(deps, Number(c.req.header('content-length') ?? '0'));
      const body = await c.req.parseBody({ all: true });
      const files: UploadedFile[] = [];
      let total = 0;
      for (const value of [body.bestanden ?? []].flat()) {
        if (typeof value === 'string') continue;
        total += value.size;
        assertUploadBodySize(deps, total);
        files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
      }
      job = await startContactJob(deps, acting, id, {
        source: typeof body.telefoon === 'string' ? body.telefoon : '',
        files,
      });
    } catch (error) {
      if (json && isDomainError(error)) {
        return c.json(
          { error: { message: error.userMessage, reference: c.get('requestId') } },
          statusOf(error),
        );
      }
      if (isDomainError(error) && statusOf(error) === 413) throw error;
      return orRerender(c, deps, 'upload', error);
    }
    // The files are read in the background; the job's page shows progress and then returns to the campaign.
    const redirect = `/taken/${job.id}`;
    return json ? c.json({ ok: true, redirect }) : c.redirect(redirect, 303);
  });

  route(app, 'get', '/campagnes/:id/uploads/ontvangen', 'public', (c) =>
    stagedReturnPage(c, `/campagnes/${param(c, 'id')}/uploads/verwerken`),
  );

  /**
   * Reads a staged file (a GET: the browser comes here from the hand-over page). The key must be this
   * person's, for this campaign, and a file is read once, so a replayed or forged link changes nothing; a
   * link from another site arrives without the SameSite=Strict session and changes nothing either.
   */
  route(app, 'get', '/campagnes/:id/uploads/verwerken', 'sms.prepare', async (c) => {
    const id = param(c, 'id');
    await getCampaign(deps, actingOf(c), id);
    let job: Job;
    try {
      job = await startContactJob(deps, actingOf(c), id, { stagedKeys: c.req.queries('key') ?? [] });
    } catch (error) {
      if (isDomainError(error) && statusOf(error) === 404) {
        return renderCampaignPage(c, deps, { errors: { upload: error.userMessage } }, 404);
      }
      return orRerender(c, deps, 'upload', error);
    }
    return c.redirect(`/taken/${job.id}`, 303);
  });

  route(app, 'get', '/campagnes/:id/uploads/:uploadId/verwijderen', 'sms.prepare', async (c) => {
    const acting = actingOf(c);
    const campaign = await getCampaign(deps, acting, param(c, 'id'));
    const upload = (await listContactUploads(deps, acting, campaign.id)).find(
      (u) => u.id === param(c, 'uploadId'),
    );
    if (!upload) return c.redirect(`/campagnes/${campaign.id}#contactlijsten`, 303);
    return page(
      c,
      `Upload verwijderen: ${upload.report.file}`,
      <RemoveUploadConfirm campaign={campaign} upload={upload} csrf={c.get('csrfToken')} />,
    );
  });

  route(
    app,
    'post',
    '/campagnes/:id/uploads/:uploadId/verwijderen',
    'sms.prepare',
    ...formAction(ButtonForm, {
      run: async (c) => {
        const id = param(c, 'id');
        await removeContactUpload(deps, actingOf(c), id, param(c, 'uploadId'));
        return `/campagnes/${id}#contactlijsten`;
      },
      rerender: rerenderIn(deps, 'upload'),
    }),
  );

  route(
    app,
    'post',
    '/campagnes/:id/uitsluitingen',
    'sms.prepare',
    ...formAction(ButtonForm, {
      run: async (c) => {
        const id = param(c, 'id');
        await applyCampaignExclusions(deps, actingOf(c), id);
        return `/campagnes/${id}#contactlijsten`;
      },
      rerender: rerenderIn(deps, 'upload'),
    }),
  );
}
