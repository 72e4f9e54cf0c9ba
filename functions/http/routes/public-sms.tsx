import type { Context, Hono } from 'hono';
import type { AppDeps } from '../../app/deps.js';
import { recordOptOut } from '../../app/opt-out.js';
import { followTrackedLink } from '../../app/tracked-links.js';
import { RateLimitedError } from '../../core/errors.js';
import { route } from '../access.js';
import { clientAddress } from '../client-address.js';
import type { AppEnv } from '../env.js';
import { page } from '../responses.js';
import { Alert, CsrfField } from '../views/layout.js';

/**
 * Fixed-window counters per client address and route, plus one ceiling for everyone together, in memory
 * only: the address is never stored or logged. Why in memory: they only have to slow down enumeration and
 * abuse of the public pages of one instance. The ceiling keeps many addresses together from flooding the
 * audit trail; each address has its own bucket, so one visitor never uses up another's.
 */
export class PublicRateLimiter {
  readonly #hits = new Map<string, { windowStart: number; count: number }>();
  #global = { windowStart: Number.NEGATIVE_INFINITY, count: 0 };

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly globalLimit: number = limit * 100,
  ) {}

  /** Throws RateLimitedError when the client, or everyone together, used up the allowance of this window. */
  check(client: string, nowMs: number): void {
    if (nowMs - this.#global.windowStart >= this.windowMs) this.#global = { windowStart: nowMs, count: 0 };
    if (++this.#global.count > this.globalLimit) {
      throw new RateLimitedError('Public page global rate limit', {
        userMessage:
          'Deze pagina wordt op dit moment erg vaak gebruikt. Probeer het over een paar minuten opnieuw.',
      });
    }
    const entry = this.#hits.get(client);
    if (!entry || nowMs - entry.windowStart >= this.windowMs) {
      if (this.#hits.size > 50_000) this.#hits.clear();
      this.#hits.set(client, { windowStart: nowMs, count: 1 });
      return;
    }
    entry.count++;
    if (entry.count > this.limit) {
      throw new RateLimitedError('Public page rate limit', {
        userMessage:
          'U heeft deze pagina te vaak achter elkaar geopend. Probeer het over een paar minuten opnieuw.',
      });
    }
  }
}

/**
 * Which (address, link) pairs clicked in the current window: a click is counted once per address and link
 * per window, so reloading or scripting one link does not inflate a variant's figures. Memory only.
 */
export class ClickOnce {
  #windowStart = Number.NEGATIVE_INFINITY;
  readonly #seen = new Set<string>();

  constructor(private readonly windowMs: number) {}

  /** True the first time this pair is seen in the window. */
  first(client: string, code: string, nowMs: number): boolean {
    if (nowMs - this.#windowStart >= this.windowMs || this.#seen.size > 100_000) {
      this.#windowStart = nowMs;
      this.#seen.clear();
    }
    const key = `${client} ${code}`;
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    return true;
  }
}

const STOP_DONE =
  'Dank u. Als dit nummer bij ons bekend was, krijgt het van ons geen berichten meer. Dit antwoord is voor elk ingevuld nummer hetzelfde.';

/** The public pages of the SMS-bom: the tracked redirect per variant and the opt-out page. */
export function publicSmsRoutes(
  app: Hono<AppEnv>,
  deps: AppDeps,
  options: { trustedProxies?: readonly string[] } = {},
  limits: { clicks: PublicRateLimiter; stop: PublicRateLimiter; clickOnce: ClickOnce } = {
    clicks: new PublicRateLimiter(60, 60_000, 3_000),
    stop: new PublicRateLimiter(10, 600_000, 300),
    clickOnce: new ClickOnce(3_600_000),
  },
): void {
  const clientOf = (c: Context<AppEnv>) => clientAddress(c, options.trustedProxies);
  route(app, 'get', '/r/:code', 'public', async (c) => {
    // A click leaves no trace on the phone either: drop the CSRF cookie the middleware would set.
    c.header('set-cookie', undefined);
    const now = deps.clock.now().getTime();
    const client = clientOf(c);
    limits.clicks.check(client, now);
    const code = c.req.param('code') ?? '';
    const target = await followTrackedLink(deps, code, { count: limits.clickOnce.first(client, code, now) });
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
    limits.stop.check(clientOf(c), deps.clock.now().getTime());
    const form = await c.req.parseBody();
    await recordOptOut(deps, { number: typeof form.nummer === 'string' ? form.nummer : '', channel: 'web' });
    return c.redirect('/stop?klaar=ja', 303);
  });
}
