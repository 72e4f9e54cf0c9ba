import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { exportCaseAuditCsv } from '../../../app/campaign-audit.js';
import { getCampaign } from '../../../app/campaigns.js';
import type { AppDeps } from '../../../app/deps.js';
import { campaignPageModel } from '../../../app/sms-pages.js';
import type { DomainError } from '../../../core/errors.js';
import { isDomainError } from '../../../core/errors.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { statusOf } from '../../errors.js';
import type { Rerender } from '../../form-action.js';
import { page } from '../../responses.js';
import { fieldErrorsOf } from '../../views/form-errors.js';
import { CampaignPage, type PageState, type Section } from '../../views/sms/campaign-page.js';
import { UPLOAD_JS, VARIANTS_JS } from '../../views/sms-scripts.js';
import { csvResponse, origin, param } from '../sms-http.js';

type C = Context<AppEnv>;

/** The input (or section) on this page for each field name the domain reports an error for. */
const FIELD_IDS: Record<string, string> = {
  name: 'c-naam',
  helpLink: 'c-link',
  senderName: 'c-afzender',
  ratePerSecond: 'c-snelheid',
  allowedCountries: 'c-landen',
  quietHours: 'c-start',
  plannedWindow: 'c-van',
  variants: 'v-0-text',
  recipients: 'contactlijsten',
};

/** Where an error without a known field points: the section it came from. */
const SECTION_TARGETS: Record<Section, string> = {
  settings: 'instellingen',
  variants: 'varianten',
  upload: 'contactlijsten',
  submit: 'indienen',
};

/** The campaign page of the route's `:id`, with what a refused form keeps. */
export async function renderCampaignPage(
  c: C,
  deps: AppDeps,
  state: PageState = {},
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const model = await campaignPageModel(deps, actingOf(c), param(c, 'id'), {
    variants: state.variants,
    origin: origin(c),
  });
  return page(
    c,
    model.campaign.name,
    <CampaignPage model={model} state={state} csrf={c.get('csrfToken')} base={origin(c)} />,
    status,
  );
}

/**
 * Re-renders the page with a refused form's message in the section it came from, pointing at the field the
 * domain named. Only a refusal (409/422) re-renders; any other domain error goes to the error page.
 */
export function rerenderIn(
  deps: AppDeps,
  section: Section,
  keep: (c: C) => Promise<PageState> | PageState = () => ({}),
): Rerender {
  return async (c, message, status, error?: DomainError) => {
    if (error && ![409, 422].includes(statusOf(error))) throw error;
    const target = SECTION_TARGETS[section];
    return renderCampaignPage(
      c,
      deps,
      {
        ...(await keep(c)),
        errors: { [section]: message },
        fieldErrors: error ? fieldErrorsOf(error, FIELD_IDS, target) : [{ field: target, message }],
      },
      status,
    );
  };
}

/** For routes outside the form helper (uploads): re-renders a refusal in its section, or rethrows. */
export async function orRerender(c: C, deps: AppDeps, section: Section, error: unknown): Promise<Response> {
  if (isDomainError(error)) return rerenderIn(deps, section)(c, error.userMessage, statusOf(error), error);
  throw error;
}

/** The campaign page itself, its scripts and its audit trail as CSV. */
export function campaignPageRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/assets/variants.js', 'public', (c) =>
    c.body(VARIANTS_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );
  route(app, 'get', '/assets/upload.js', 'public', (c) =>
    c.body(UPLOAD_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );

  route(app, 'get', '/campagnes/:id', 'cases.view', (c) => renderCampaignPage(c, deps));

  route(app, 'get', '/campagnes/:id/audit.csv', 'cases.view', async (c) => {
    const acting = actingOf(c);
    const campaign = await getCampaign(deps, acting, param(c, 'id'));
    const csv = await exportCaseAuditCsv(deps, acting, { caseId: campaign.caseId, campaignId: campaign.id });
    return csvResponse(c, csv, `audittrail-campagne-${campaign.id}.csv`);
  });
}
