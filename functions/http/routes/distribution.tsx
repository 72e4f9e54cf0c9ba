import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Acting } from '../../app/audit.js';
import type { AppDeps } from '../../app/deps.js';
import {
  addStreetNote,
  markStreetDelivered,
  myRounds,
  reportStreetProblem,
  roundForDistributor,
  type StreetInput,
  undoStreetDelivery,
} from '../../app/distribution.js';
import { distributorRoundModel } from '../../app/letter-pages.js';
import { openWebVersion } from '../../app/letters.js';
import type { StreetRef } from '../../core/letters/address.schema.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { formAction } from '../form-action.js';
import { errorPage, notFoundPage, page } from '../responses.js';
import { MyRoundsPage, RoundPage, roundNotice, streetAnchor } from '../views/letters/rounds.js';
import { asWebPage, READ_ALOUD_SCRIPT, READ_ALOUD_SCRIPT_PATH } from '../views/web-version.js';
import { StreetActionForm } from './letters/forms.js';

type C = Context<AppEnv>;

/** What a distributor can do to a street of their round, by the path of its form. */
const STREET_ACTIONS: readonly [
  string,
  (deps: AppDeps, acting: Acting, input: StreetInput, note: string) => Promise<unknown>,
][] = [
  ['bezorgd', (deps, acting, input) => markStreetDelivered(deps, acting, input)],
  ['ongedaan', (deps, acting, input) => undoStreetDelivery(deps, acting, input)],
  ['probleem', (deps, acting, input, text) => reportStreetProblem(deps, acting, { ...input, text })],
  ['notitie', (deps, acting, input, text) => addStreetNote(deps, acting, { ...input, text })],
];

/** The distributor's phone pages (only their own rounds) and the public web version of a letter. */
export function distributionRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const roundPage = async (c: C, error?: string, status: ContentfulStatusCode = 200) => {
    const { round, now } = await distributorRoundModel(deps, actingOf(c), c.req.param('roundId') ?? '');
    return page(
      c,
      'Bezorgronde',
      <RoundPage
        round={round}
        now={now}
        csrf={c.get('csrfToken')}
        error={error}
        notice={roundNotice(c.req.query('klaar'))}
      />,
      status,
    );
  };

  route(app, 'get', '/bezorging', 'distribution.carry', async (c) =>
    page(c, 'Mijn bezorgrondes', <MyRoundsPage rounds={await myRounds(deps, actingOf(c))} />),
  );
  route(app, 'get', '/bezorging/:roundId', 'distribution.carry', (c) => roundPage(c));

  for (const [path, act] of STREET_ACTIONS) {
    route(
      app,
      'post',
      `/bezorging/:roundId/${path}`,
      'distribution.carry',
      ...formAction(StreetActionForm, {
        run: async (c, form) => {
          const roundId = c.req.param('roundId') ?? '';
          await roundForDistributor(deps, actingOf(c), roundId);
          const street = form.straat as StreetRef;
          await act(deps, actingOf(c), { roundId, street }, form.notitie);
          return `/bezorging/${roundId}?klaar=${path}#${streetAnchor(street)}`;
        },
        // A round that is not (or no longer) the distributor's is not found, not re-shown.
        rerender: (c, message, status) =>
          status === 404 ? errorPage(c, 404, 'Niet gevonden', message) : roundPage(c, message, status),
      }),
    );
  }

  route(app, 'get', READ_ALOUD_SCRIPT_PATH, 'public', (c) =>
    c.body(READ_ALOUD_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  route(app, 'get', '/w/:code', 'public', async (c) => {
    const opened = await openWebVersion(deps, {
      code: c.req.param('code') ?? '',
      baseUrl: new URL(c.req.url).origin,
    });
    if (!opened) return notFoundPage(c);
    return c.html(asWebPage(opened.html), 200, { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
  });
}
