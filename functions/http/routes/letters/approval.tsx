import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { approveCampaign, rejectCampaign } from '../../../app/campaigns.js';
import type { AppDeps } from '../../../app/deps.js';
import { loadLetterCampaign } from '../../../app/letter-campaign.js';
import { saveLetterText, submitLetter } from '../../../app/letter-content.js';
import { letterOverviewModel } from '../../../app/letter-pages.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { formAction } from '../../form-action.js';
import { page } from '../../responses.js';
import { letterNotice } from '../../views/letters/notices.js';
import { LetterOverviewPage } from '../../views/letters/overview.js';
import { VoidConfirmation } from '../../views/void-confirmation.js';
import { ApproveForm, CaseTextForm, origin, param, postedFields, RejectForm, SubmitForm } from './forms.js';

type C = Context<AppEnv>;

/** A letter campaign's overview, its text, and its way through approval: submit, approve or reject. */
export function letterApprovalRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const overviewPage = async (
    c: C,
    error?: string,
    status: ContentfulStatusCode = 200,
    typedCaseText?: string,
  ) => {
    const model = await letterOverviewModel(deps, actingOf(c), {
      campaignId: param(c, 'id'),
      userId: c.get('user')?.id,
      baseUrl: origin(c),
    });
    return page(
      c,
      model.campaign.name,
      <LetterOverviewPage
        model={model}
        csrf={c.get('csrfToken')}
        error={error}
        notice={letterNotice(c.req.query('klaar'))}
        typedCaseText={typedCaseText}
      />,
      status,
    );
  };

  route(app, 'get', '/wijkberichten/:id', 'letters.prepare', (c) => overviewPage(c));
  route(
    app,
    'post',
    '/wijkberichten/:id/aanbieden',
    'letters.prepare',
    ...formAction(SubmitForm, {
      run: async (c, form) => {
        const id = param(c, 'id');
        await loadLetterCampaign(deps, actingOf(c), id);
        await submitLetter(deps, actingOf(c), {
          campaignId: id,
          plannedWindow: {
            from: new Date(`${form.from}T00:00:00`).toISOString(),
            until: new Date(`${form.until}T23:59:00`).toISOString(),
          },
          ...(form.zaaktekst === undefined ? {} : { caseText: form.zaaktekst }),
        });
        return `/wijkberichten/${id}?klaar=aangeboden`;
      },
      rerender: (c, message, status) => overviewPage(c, message, status),
    }),
  );

  // The fingerprint the decider's page showed: a request changed since then is refused, not decided.
  route(
    app,
    'post',
    '/wijkberichten/:id/goedkeuren',
    'letters.prepare',
    ...formAction(ApproveForm, {
      run: async (c, form) => {
        const id = param(c, 'id');
        await loadLetterCampaign(deps, actingOf(c), id);
        await approveCampaign(deps, actingOf(c), id, {
          requestFingerprint: form.fingerprint,
          legalReference: form.legalReference,
          confirmed: form.confirmed,
          namesNobody: form.namesNobody,
        });
        return `/wijkberichten/${id}?klaar=goedgekeurd`;
      },
      rerender: (c, message, status) => overviewPage(c, message, status),
    }),
  );
  route(
    app,
    'post',
    '/wijkberichten/:id/afwijzen',
    'letters.prepare',
    ...formAction(RejectForm, {
      run: async (c, form) => {
        const id = param(c, 'id');
        await loadLetterCampaign(deps, actingOf(c), id);
        await rejectCampaign(deps, actingOf(c), id, {
          requestFingerprint: form.fingerprint,
          reason: form.reason,
        });
        return `/wijkberichten/${id}?klaar=afgewezen`;
      },
      rerender: (c, message, status) => overviewPage(c, message, status),
    }),
  );

  route(
    app,
    'post',
    '/wijkberichten/:id/tekst',
    'letters.prepare',
    ...formAction(CaseTextForm, {
      run: async (c, form) => {
        const id = param(c, 'id');
        const result = await saveLetterText(deps, actingOf(c), {
          campaignId: id,
          caseText: form.zaaktekst,
          confirmVoid: form.bevestig === '1',
        });
        if (result.kind === 'confirm') {
          return page(
            c,
            'Wijziging bevestigen',
            <VoidConfirmation
              csrf={c.get('csrfToken')}
              action={`/wijkberichten/${id}/tekst`}
              cancel={`/wijkberichten/${id}`}
              what={result.voids === 'approval' ? 'de goedkeuring' : 'de aanvraag tot goedkeuring'}
              name={result.campaign.name}
              fields={{ zaaktekst: form.zaaktekst }}
            />,
            409,
          );
        }
        return `/wijkberichten/${id}?klaar=${result.kind === 'saved' && result.voided ? 'tekst-ongeldig' : 'tekst'}`;
      },
      rerender: async (c, message, status) =>
        overviewPage(c, message, status, (await postedFields(c)).zaaktekst?.[0] ?? ''),
    }),
  );
}
