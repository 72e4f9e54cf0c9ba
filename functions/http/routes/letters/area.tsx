import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { areaMapBase, areaMapModel } from '../../../app/area-map.js';
import type { AppDeps } from '../../../app/deps.js';
import { distributionOverview } from '../../../app/distribution.js';
import { areaOverview, resolveLocations } from '../../../app/letter-areas.js';
import { loadLetterCampaign } from '../../../app/letter-campaign.js';
import { campaignVoidedByChange, letterAreaModel, streetChoiceChanges } from '../../../app/letter-pages.js';
import { saveLetterArea, saveLetterStreets } from '../../../app/letter-recipients.js';
import { streetKey } from '../../../core/letters/address.schema.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { formAction } from '../../form-action.js';
import { page } from '../../responses.js';
import { areaMapSvg, mapViewport, pixelToPoint } from '../../views/area-map.js';
import { LetterAreaPage } from '../../views/letters/area.js';
import { letterNotice } from '../../views/letters/notices.js';
import { VoidConfirmation } from '../../views/void-confirmation.js';
import { PDOK_TILE_URL } from '../map-assets.js';
import { AreaForm, MapPointForm, param, postedFields, StreetsForm } from './forms.js';

type C = Context<AppEnv>;

/** The area of a letter campaign: locations and radius, a point clicked on the map, the streets, the map. */
export function letterAreaRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const areaPage = async (
    c: C,
    error?: string,
    status: ContentfulStatusCode = 200,
    typed?: { locations: string[]; radius: string },
  ) => {
    const id = param(c, 'id');
    const base = await areaMapBase(deps, actingOf(c), id);
    return page(
      c,
      'Gebied en straten',
      <LetterAreaPage
        model={await letterAreaModel(deps, actingOf(c), id)}
        map={{ ...areaMapModel(base), tiles: PDOK_TILE_URL, svg: base.around.length > 0 }}
        extent={base.extent}
        csrf={c.get('csrfToken')}
        error={error}
        notice={letterNotice(c.req.query('klaar'))}
        typed={typed}
      />,
      status,
    );
  };

  /**
   * The confirmation step before a change of area or streets that voids an approval or request: the same
   * form again with `bevestig=1`. Undefined when nothing would be voided or the user already confirmed.
   */
  const voidConfirmation = async (
    c: C,
    path: 'gebied' | 'straten',
    changed: boolean,
    confirmed: boolean,
  ): Promise<Response | undefined> => {
    if (!changed || confirmed) return undefined;
    const campaignId = param(c, 'id');
    const campaign = await campaignVoidedByChange(deps, actingOf(c), campaignId);
    if (!campaign) return undefined;
    const { _csrf, bevestig, ...fields } = await postedFields(c);
    return page(
      c,
      'Wijziging bevestigen',
      <VoidConfirmation
        csrf={c.get('csrfToken')}
        action={`/wijkberichten/${campaignId}/${path}`}
        cancel={`/wijkberichten/${campaignId}/gebied`}
        what={campaign.approval === null ? 'de aanvraag tot goedkeuring' : 'de goedkeuring'}
        name={campaign.name}
        fields={fields}
      />,
      409,
    );
  };

  route(app, 'get', '/wijkberichten/:id/gebied', 'letters.prepare', (c) => areaPage(c));
  route(
    app,
    'post',
    '/wijkberichten/:id/gebied',
    'letters.prepare',
    ...formAction(AreaForm, {
      run: async (c, form) => {
        const id = param(c, 'id');
        const ask = await voidConfirmation(c, 'gebied', true, form.bevestig === '1');
        if (ask) return ask;
        const points = await resolveLocations(deps, actingOf(c), form.locatie);
        await saveLetterArea(deps, actingOf(c), {
          campaignId: id,
          points,
          radiusM: form.straal,
          residentialOnly: form.woonadressen !== 'nee',
        });
        return `/wijkberichten/${id}/gebied?klaar=gebied`;
      },
      rerender: async (c, message, status) => {
        const posted = await postedFields(c);
        return areaPage(c, message, status, {
          locations: posted.locatie ?? [],
          radius: posted.straal?.[0] ?? '',
        });
      },
    }),
  );
  route(
    app,
    'post',
    '/wijkberichten/:id/kaartpunt',
    'letters.prepare',
    ...formAction(MapPointForm, {
      run: async (c, form) => {
        const id = param(c, 'id');
        // The same map the page showed: the chosen area, or before the first search the start of the map.
        const { selection, points, radiusM, around } = await areaMapBase(deps, actingOf(c), id);
        const view = mapViewport(points, radiusM, around);
        const point = pixelToPoint(view, form['kaart.x'], form['kaart.y']);
        if (around.length === 0 || !Number.isFinite(point.lat) || !Number.isFinite(point.lon)) {
          return areaPage(c, 'Klik op de kaart om een locatie toe te voegen.', 422);
        }
        await saveLetterArea(deps, actingOf(c), {
          campaignId: id,
          points: [...points, { ...point, label: 'Punt op de kaart' }],
          radiusM,
          residentialOnly: selection?.residentialOnly ?? true,
        });
        return `/wijkberichten/${id}/gebied?klaar=gebied`;
      },
      rerender: (c, message, status) => areaPage(c, message, status),
    }),
  );
  route(
    app,
    'post',
    '/wijkberichten/:id/straten',
    'letters.prepare',
    ...formAction(StreetsForm, {
      run: async (c, form) => {
        const id = param(c, 'id');
        const choice = { campaignId: id, streets: form.straat, mode: form.modus, version: form.versie };
        const changed = await streetChoiceChanges(deps, choice);
        const ask = await voidConfirmation(c, 'straten', changed, form.bevestig === '1');
        if (ask) return ask;
        await saveLetterStreets(deps, actingOf(c), choice);
        return `/wijkberichten/${id}/gebied?klaar=straten`;
      },
      rerender: (c, message, status) => areaPage(c, message, status),
    }),
  );
  route(app, 'get', '/wijkberichten/:id/kaart.svg', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    await loadLetterCampaign(deps, actingOf(c), id);
    const coverageView = c.req.query('weergave') === 'dekking';
    const { selection, letters, around, points, radiusM } = coverageView
      ? { ...(await areaOverview(deps, actingOf(c), id)), points: [], radiusM: 0 }
      : await areaMapBase(deps, actingOf(c), id);
    if (coverageView && !selection) return c.body('', 404);
    if (around.length === 0) return c.body('', 404);
    const overview = coverageView ? await distributionOverview(deps, id) : undefined;
    const shown = selection ? { points: selection.points, radiusM: selection.radiusM } : { points, radiusM };
    const svg = areaMapSvg({
      view: mapViewport(shown.points, shown.radiusM, around),
      points: shown.points,
      radiusM: shown.radiusM,
      around,
      letters,
      streetStatus: overview ? new Map(overview.streets.map((s) => [streetKey(s), s.status])) : undefined,
      title: coverageView
        ? 'Kaart van de bezorging per straat'
        : selection
          ? 'Kaart van het gebied'
          : 'Kaart om de eerste locatie te kiezen',
    });
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store' });
  });
}
