import type { Context, Hono } from 'hono';
import type { AppDeps } from '../../app/deps.js';
import { recordOptOut } from '../../app/opt-out.js';
import { checkPublicLimit, firstClickInWindow, PUBLIC_LIMITS } from '../../app/public-limits.js';
import { followTrackedLink } from '../../app/tracked-links.js';
import { route } from '../access.js';
import { clientAddress } from '../client-address.js';
import type { AppEnv } from '../env.js';
import { page } from '../responses.js';
import { Alert, CsrfField } from '../views/layout.js';

const STOP_DONE =
  'Dank u. Als dit nummer bij ons bekend was, krijgt het van ons geen berichten meer. Dit antwoord is voor elk ingevuld nummer hetzelfde.';

/** The public pages of the SMS-bom: the tracked redirect per variant and the opt-out page. */
export function publicSmsRoutes(
  app: Hono<AppEnv>,
  deps: AppDeps,
  options: { trustedProxies?: readonly string[] } = {},
): void {
  const clientOf = (c: Context<AppEnv>) => clientAddress(c, options.trustedProxies);
  route(app, 'get', '/r/:code', 'public', async (c) => {
    // A click leaves no trace on the phone either: drop the CSRF cookie the middleware would set.
    c.header('set-cookie', undefined);
    const client = clientOf(c);
    await checkPublicLimit(deps, PUBLIC_LIMITS.clicks, client);
    const code = c.req.param('code') ?? '';
    const target = await followTrackedLink(deps, code, {
      count: await firstClickInWindow(deps, client, code),
    });
    if (target) {
      return c.redirect(target.url, 302);
    }
    c.header('cache-control', 'no-store');
    return page(
      c,
      'Link niet gevonden',
      <>
        <h1 class="utrecht-heading-1">Deze link werkt niet (meer)</h1>
        <p class="utrecht-paragraph">
          De link is verlopen of onvolledig. Zoekt u hulp bij drugsgebruik, geldzorgen of wilt u iets melden?
          Neem contact op met uw gemeente, of meld anoniem via Meld Misdaad Anoniem: 0800-7000.
        </p>
      </>,
      404,
    );
  });

  const stopPage = (c: Context<AppEnv>, done: boolean) =>
    page(
      c,
      'Geen berichten meer ontvangen',
      <>
        <h1 class="utrecht-heading-1">Geen berichten meer ontvangen</h1>
        {done ? <Alert type="ok">{STOP_DONE}</Alert> : null}
        <p class="utrecht-paragraph">
          Vul uw mobiele nummer in. Wij bewaren het nummer niet zelf, alleen een onherleidbare code, zodat we
          u nooit meer een bericht sturen.
        </p>
        <form method="post" action="/stop" class="card">
          <CsrfField token={c.get('csrfToken')} />
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="nummer">
              Mobiel nummer
            </label>
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              id="nummer"
              name="nummer"
              type="tel"
              autocomplete="tel"
              inputmode="tel"
              maxlength={40}
              required
            />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Afmelden
          </button>
        </form>
      </>,
    );

  route(app, 'get', '/stop', 'public', (c) => {
    c.header('cache-control', 'no-store');
    return stopPage(c, c.req.query('klaar') === 'ja');
  });
  route(app, 'post', '/stop', 'public', async (c) => {
    await checkPublicLimit(deps, PUBLIC_LIMITS.stop, clientOf(c));
    const form = await c.req.parseBody();
    await recordOptOut(deps, { number: typeof form.nummer === 'string' ? form.nummer : '', channel: 'web' });
    return c.redirect('/stop?klaar=ja', 303);
  });
}
