import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../../app/deps.js';
import { distributionCsv, distributionOverview, planDistributionRound } from '../../../app/distribution.js';
import { loadLetterCampaign } from '../../../app/letter-campaign.js';
import { distributionPlanningModel } from '../../../app/letter-pages.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { formAction } from '../../form-action.js';
import { page } from '../../responses.js';
import { letterNotice } from '../../views/letters/notices.js';
import { DistributionPlanningPage, DistributionSheetPage } from '../../views/letters/planning.js';
import { param, RoundForm } from './forms.js';

/** Planning the distribution of a campaign's letters: coverage, rounds and the distribution list. */
export function distributionPlanningRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const distributionPage = async (c: Context<AppEnv>, error?: string, status: ContentfulStatusCode = 200) =>
    page(
      c,
      'Bezorging',
      <DistributionPlanningPage
        model={await distributionPlanningModel(deps, actingOf(c), param(c, 'id'))}
        csrf={c.get('csrfToken')}
        error={error}
        notice={letterNotice(c.req.query('klaar'))}
      />,
      status,
    );

  route(app, 'get', '/wijkberichten/:id/bezorging', 'letters.prepare', (c) => distributionPage(c));
  route(
    app,
    'post',
    '/wijkberichten/:id/rondes',
    'letters.prepare',
    ...formAction(RoundForm, {
      run: async (c, form) => {
        const id = param(c, 'id');
        await planDistributionRound(deps, actingOf(c), {
          campaignId: id,
          date: form.datum,
          from: form.van,
          to: form.tot,
          team: form.team,
          streets: form.straat,
        });
        return `/wijkberichten/${id}/bezorging?klaar=ronde`;
      },
      rerender: distributionPage,
    }),
  );
  route(app, 'get', '/wijkberichten/:id/verspreidlijst.csv', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    await loadLetterCampaign(deps, actingOf(c), id);
    const csv = await distributionCsv(deps, actingOf(c), { campaignId: id });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="verspreidlijst.csv"',
      'cache-control': 'no-store',
    });
  });
  route(app, 'get', '/wijkberichten/:id/verspreidlijst', 'letters.prepare', async (c) => {
    const { campaign } = await loadLetterCampaign(deps, actingOf(c), param(c, 'id'));
    const { rounds } = await distributionOverview(deps, campaign.id);
    return page(c, 'Verspreidlijst', <DistributionSheetPage campaign={campaign} rounds={rounds} />);
  });
}
