import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../app/deps.js';
import {
  addStreetNote,
  markStreetDelivered,
  myRounds,
  reportStreetProblem,
  roundForDistributor,
  undoStreetDelivery,
} from '../../app/distribution.js';
import { openWebVersion } from '../../app/letters.js';
import { isDomainError } from '../../core/errors.js';
import { UNDO_WINDOW_MS } from '../../core/letters/distribution.js';
import { describeRanges } from '../../core/letters/walking-order.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { statusOf } from '../errors.js';
import { notFoundPage, page } from '../responses.js';
import { CsrfField } from '../views/layout.js';
import {
  DELIVERY_LABELS,
  formatDate,
  formatDateTime,
  Messages,
  parseStreetValue,
  streetValue,
} from '../views/letters.js';
import { asWebPage } from '../views/web-version.js';

type C = Context<AppEnv>;

const NOTICES: Record<string, string> = {
  bezorgd: 'Gemarkeerd als bezorgd.',
  ongedaan: 'Bezorging ongedaan gemaakt.',
  probleem: 'Probleem gemeld.',
  notitie: 'Notitie opgeslagen.',
};

/** The distributor's phone pages (only their own rounds) and the public web version of a letter. */
export function distributionRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/bezorging', 'distribution.carry', async (c) => {
    const rounds = await myRounds(deps, actingOf(c));
    return page(
      c,
      'Mijn bezorgrondes',
      <>
        <h1 class="utrecht-heading-1">Mijn bezorgrondes</h1>
        {rounds.length === 0 ? (
          <p class="utrecht-paragraph">U heeft nog geen bezorgrondes. De gebiedsmanager deelt u in.</p>
        ) : (
          <ul class="round-list">
            {rounds.map((r) => {
              const done = r.streets.filter((s) => s.status === 'delivered').length;
              return (
                <li>
                  <a class="utrecht-link" href={`/bezorging/${r.id}`}>
                    {formatDate(r.date)}, {r.timeSlot.from}–{r.timeSlot.to}
                  </a>{' '}
                  — {done} van {r.streets.length} straten bezorgd
                </li>
              );
            })}
          </ul>
        )}
      </>,
    );
  });

  route(app, 'get', '/bezorging/:roundId', 'distribution.carry', async (c) => roundPage(c, deps));

  const action = (
    path: string,
    notice: string,
    run: (c: C, street: { street: string; city: string }, note: string) => Promise<unknown>,
  ) =>
    route(app, 'post', `/bezorging/:roundId/${path}`, 'distribution.carry', async (c) => {
      const roundId = c.req.param('roundId') ?? '';
      const form = await c.req.parseBody();
      const street = parseStreetValue(typeof form.straat === 'string' ? form.straat : '');
      const note = typeof form.notitie === 'string' ? form.notitie : '';
      try {
        await roundForDistributor(deps, actingOf(c), roundId);
        if (!street) return roundPage(c, deps, 'Kies een straat.', 422);
        await run(c, street, note);
        return c.redirect(`/bezorging/${roundId}?klaar=${notice}#${anchor(street)}`, 303);
      } catch (error) {
        if (!isDomainError(error) || statusOf(error) === 404) throw error;
        return roundPage(c, deps, error.userMessage, statusOf(error));
      }
    });
  action('bezorgd', 'bezorgd', (c, street) =>
    markStreetDelivered(deps, actingOf(c), { roundId: c.req.param('roundId') ?? '', street }),
  );
  action('ongedaan', 'ongedaan', (c, street) =>
    undoStreetDelivery(deps, actingOf(c), { roundId: c.req.param('roundId') ?? '', street }),
  );
  action('probleem', 'probleem', (c, street, text) =>
    reportStreetProblem(deps, actingOf(c), { roundId: c.req.param('roundId') ?? '', street, text }),
  );
  action('notitie', 'notitie', (c, street, text) =>
    addStreetNote(deps, actingOf(c), { roundId: c.req.param('roundId') ?? '', street, text }),
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

function anchor(street: { street: string; city: string }): string {
  return `straat-${streetValue(street).replace(/[^A-Za-z0-9]/g, '')}`;
}

async function roundPage(c: C, deps: AppDeps, error?: string, status: ContentfulStatusCode = 200) {
  const round = await roundForDistributor(deps, actingOf(c), c.req.param('roundId') ?? '');
  const now = deps.clock.now().getTime();
  const csrf = c.get('csrfToken');
  const done = round.streets.filter((s) => s.status === 'delivered').length;
  return page(
    c,
    'Bezorgronde',
    <>
      <h1 class="utrecht-heading-1">
        Ronde {formatDate(round.date)}, {round.timeSlot.from}–{round.timeSlot.to}
      </h1>
      <Messages error={error} notice={NOTICES[c.req.query('klaar') ?? '']} />
      <p class="utrecht-paragraph" aria-live="polite">
        {done} van {round.streets.length} straten bezorgd. Loop de straten in deze volgorde; per straat eerst
        de oneven kant heen, dan de even kant terug.
      </p>
      <ol class="round-streets">
        {round.streets.map((s) => {
          const value = streetValue(s);
          const id = anchor(s);
          const undoable =
            s.status === 'delivered' &&
            s.deliveredAt !== null &&
            now - Date.parse(s.deliveredAt) <= UNDO_WINDOW_MS;
          return (
            <li class={`round-street round-street--${s.status}`} id={id}>
              <h2 class="utrecht-heading-2">{s.street}</h2>
              <p class="utrecht-paragraph">
                {s.count} brieven · {describeRanges(s.ranges)} · {s.city}
              </p>
              <p class="utrecht-paragraph">
                Status: <strong>{DELIVERY_LABELS[s.status]}</strong>
                {s.deliveredAt ? ` om ${formatDateTime(s.deliveredAt)}` : ''}
              </p>
              {s.status !== 'delivered' ? (
                <form method="post" action={`/bezorging/${round.id}/bezorgd`}>
                  <CsrfField token={csrf} />
                  <input type="hidden" name="straat" value={value} />
                  <button type="submit" class="utrecht-button utrecht-button--primary-action big-button">
                    Bezorgd<span class="visually-hidden">: {s.street}</span>
                  </button>
                </form>
              ) : undoable ? (
                <form method="post" action={`/bezorging/${round.id}/ongedaan`}>
                  <CsrfField token={csrf} />
                  <input type="hidden" name="straat" value={value} />
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    Ongedaan maken<span class="visually-hidden">: {s.street}</span>
                  </button>
                </form>
              ) : null}
              {s.notes.length > 0 ? (
                <ul class="notes">
                  {s.notes.map((n) => (
                    <li>
                      {formatDateTime(n.at)}: {n.text}
                    </li>
                  ))}
                </ul>
              ) : null}
              <form method="post" action={`/bezorging/${round.id}/notitie`} class="note-form">
                <CsrfField token={csrf} />
                <input type="hidden" name="straat" value={value} />
                <div class="utrecht-form-field">
                  <label class="utrecht-form-label" for={`${id}-notitie`}>
                    Notitie bij {s.street}
                  </label>
                  <input
                    class="utrecht-textbox utrecht-textbox--html-input"
                    id={`${id}-notitie`}
                    name="notitie"
                    maxlength={500}
                    placeholder="bijv. brievenbus dichtgeplakt, bouwterrein"
                    required
                  />
                </div>
                <div class="actions">
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    Notitie opslaan<span class="visually-hidden"> bij {s.street}</span>
                  </button>
                  {s.status === 'planned' ? (
                    <button
                      type="submit"
                      formaction={`/bezorging/${round.id}/probleem`}
                      class="utrecht-button utrecht-button--secondary-action"
                    >
                      Als probleem melden<span class="visually-hidden"> bij {s.street}</span>
                    </button>
                  ) : null}
                </div>
              </form>
            </li>
          );
        })}
      </ol>
    </>,
    status,
  );
}
