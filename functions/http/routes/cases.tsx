import type { Context, Hono } from 'hono';
import * as z from 'zod';
import { exportCaseAuditCsv } from '../../app/campaign-audit.js';
import { createCampaignFromBlueprint } from '../../app/campaigns.js';
import { casePageModel, casesPageModel } from '../../app/case-pages.js';
import { createCase, getCase } from '../../app/cases.js';
import type { AppDeps } from '../../app/deps.js';
import type { Case } from '../../core/campaigns/case.schema.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { formAction } from '../form-action.js';
import { page } from '../responses.js';
import { CasePage, CasesPage, type FormState } from '../views/cases.js';
import { csvResponse, formOf, param } from './sms-http.js';

const text = z.string().default('');

/** A new case; the case's own schema checks the values (a date, a known colleague, …) in Dutch. */
export const CaseFormSchema = z.object({
  name: text,
  actionDate: text,
  municipality: text,
  areaDescription: text,
  responsibleUserId: text,
});

/** A new campaign in a case: the blueprint chosen and an optional name. */
export const CampaignFormSchema = z.object({ blueprintId: text, name: text });

type C = Context<AppEnv>;

async function casesPage(c: C, deps: AppDeps, extra: FormState = {}, status: 200 | 422 = 200) {
  const acting = actingOf(c);
  return page(
    c,
    'Zaken',
    <CasesPage
      model={await casesPageModel(deps, acting)}
      extra={extra}
      csrf={c.get('csrfToken')}
      municipality={c.get('settings').municipality}
      currentUserId={acting.actor.userId}
    />,
    status,
  );
}

async function casePage(
  c: C,
  deps: AppDeps,
  found: Case,
  extra: FormState = {},
  status: 200 | 422 | 403 = 200,
) {
  const model = await casePageModel(deps, actingOf(c), found);
  return page(
    c,
    `Zaak ${found.name}`,
    <CasePage model={model} extra={extra} csrf={c.get('csrfToken')} />,
    status,
  );
}

/** Cases: the list, a new case, the case page with its campaigns and audit trail, and the CSV export. */
export function caseRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/zaken', 'cases.view', (c) => casesPage(c, deps));

  route(
    app,
    'post',
    '/zaken',
    'cases.edit',
    ...formAction(CaseFormSchema, {
      run: async (c, input) => `/zaken/${(await createCase(deps, actingOf(c), input)).id}`,
      rerender: async (c, message, status, error) => {
        if (error && status !== 422) throw error;
        return casesPage(c, deps, { error: message, values: await formOf(c) }, 422);
      },
    }),
  );

  route(app, 'get', '/zaken/:caseId', 'cases.view', async (c) =>
    casePage(c, deps, await getCase(deps, actingOf(c), param(c, 'caseId'))),
  );

  route(app, 'get', '/zaken/:caseId/audit.csv', 'cases.view', async (c) => {
    const caseId = param(c, 'caseId');
    const csv = await exportCaseAuditCsv(deps, actingOf(c), { caseId });
    return csvResponse(c, csv, `audittrail-zaak-${caseId}.csv`);
  });

  route(
    app,
    'post',
    '/zaken/:caseId/campagnes',
    'cases.edit',
    ...formAction(CampaignFormSchema, {
      run: async (c, input) => {
        const acting = actingOf(c);
        const found = await getCase(deps, acting, param(c, 'caseId'));
        const campaign = await createCampaignFromBlueprint(deps, acting, { caseId: found.id, ...input });
        return `/campagnes/${campaign.id}`;
      },
      rerender: async (c, message, status, error) => {
        if (error && status !== 422 && status !== 403) throw error;
        const found = await getCase(deps, actingOf(c), param(c, 'caseId'));
        return casePage(c, deps, found, { error: message }, status === 403 ? 403 : 422);
      },
    }),
  );
}
