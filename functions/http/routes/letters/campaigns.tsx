import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createCampaignFromBlueprint } from '../../../app/campaigns.js';
import { createCase } from '../../../app/cases.js';
import type { AppDeps } from '../../../app/deps.js';
import { lookupSuggestion, suggestAddresses } from '../../../app/letter-areas.js';
import { letterListModel } from '../../../app/letter-pages.js';
import { getSettings } from '../../../app/settings.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { formAction } from '../../form-action.js';
import { page } from '../../responses.js';
import { LetterListPage } from '../../views/letters/list.js';
import { CaseForm, CreateLetterForm } from './forms.js';

/** The list of letter campaigns, a new letter campaign or case, and the address suggestions of the area form. */
export function letterCampaignRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const listPage = async (c: Context<AppEnv>, error?: string, status: ContentfulStatusCode = 200) =>
    page(
      c,
      'Wijkberichten',
      <LetterListPage
        model={await letterListModel(deps)}
        csrf={c.get('csrfToken')}
        userId={c.get('user')?.id ?? ''}
        error={error}
        notice={c.req.query('klaar') === 'zaak' ? 'De zaak is aangemaakt.' : undefined}
      />,
      status,
    );

  route(app, 'get', '/wijkberichten', 'letters.prepare', (c) => listPage(c));
  route(
    app,
    'post',
    '/wijkberichten',
    'letters.prepare',
    ...formAction(CreateLetterForm, {
      run: async (c, form) => {
        const campaign = await createCampaignFromBlueprint(deps, actingOf(c), form);
        return `/wijkberichten/${campaign.id}/gebied`;
      },
      rerender: listPage,
    }),
  );
  route(
    app,
    'post',
    '/wijkberichten/zaken',
    'letters.prepare',
    ...formAction(CaseForm, {
      run: async (c, form) => {
        const settings = await getSettings(deps);
        await createCase(deps, actingOf(c), { ...form, municipality: settings.municipality });
        return '/wijkberichten?klaar=zaak';
      },
      rerender: listPage,
    }),
  );

  // Suggestions for the area page's search (`?q=`), and the position of a chosen one without its own (`?id=`).
  route(app, 'get', '/wijkberichten/adressen', 'letters.prepare', async (c) => {
    const id = c.req.query('id');
    if (id !== undefined) {
      const found = await lookupSuggestion(deps, actingOf(c), id);
      return c.json({ point: found ? found.point : null });
    }
    const suggestions = await suggestAddresses(deps, actingOf(c), c.req.query('q') ?? '');
    return c.json({
      suggestions: suggestions.map((s) => ({ id: s.id, label: s.label, ...(s.point ?? {}) })),
    });
  });
}
