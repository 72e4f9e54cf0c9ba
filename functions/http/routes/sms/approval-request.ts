import type { Hono } from 'hono';
import { getCampaign, submitCampaign } from '../../../app/campaigns.js';
import type { AppDeps } from '../../../app/deps.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { formAction } from '../../form-action.js';
import { param } from '../sms-http.js';
import { rerenderIn } from './campaign-page.js';
import { ButtonForm } from './uploads.js';

/** Submitting a campaign to the OM: a refusal (no window, no recipients, …) shows in the submit section. */
export function approvalRequestRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    'post',
    '/campagnes/:id/indienen',
    'sms.prepare',
    ...formAction(ButtonForm, {
      run: async (c) => {
        const id = param(c, 'id');
        await getCampaign(deps, actingOf(c), id);
        await submitCampaign(deps, actingOf(c), id);
        return `/campagnes/${id}#status`;
      },
      rerender: rerenderIn(deps, 'submit'),
    }),
  );
}
