import type { Context, Hono } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { html } from 'hono/html';
import * as z from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { login, loginWithIdentity, logout } from '../../app/login.js';
import { checkPublicLimit, PUBLIC_LIMITS } from '../../app/public-limits.js';
import { SESSION_HOURS } from '../../core/auth/session.js';
import type { ExternalLogin } from '../../core/ports.js';
import { route } from '../access.js';
import { clientAddress } from '../client-address.js';
import type { AppEnv } from '../env.js';
import { formAction } from '../form-action.js';
import { isSecureRequest, SESSION_COOKIE, sessionCsrfToken, setCsrfCookie } from '../middleware.js';
import { errorPage, page } from '../responses.js';
import { Alert, CsrfField } from '../views/layout.js';

const LoginForm = (props: { csrf: string; next: string; username?: string; error?: string }) => (
  <section class="narrow">
    <h1 class="utrecht-heading-1">Inloggen</h1>
    {props.error ? <Alert type="error">{props.error}</Alert> : null}
    <form method="post" action="/inloggen" class="utrecht-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="volgende" value={props.next} />
      <div class="utrecht-form-field utrecht-form-field--text">
        <label class="utrecht-form-label" for="username">
          Gebruikersnaam
        </label>
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id="username"
          name="username"
          autocomplete="username"
          required
          value={props.username ?? ''}
        />
      </div>
      <div class="utrecht-form-field utrecht-form-field--text">
        <label class="utrecht-form-label" for="password">
          Wachtwoord
        </label>
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
      </div>
      <button type="submit" class="utrecht-button utrecht-button--primary-action">
        Inloggen
      </button>
    </form>
  </section>
);

/** The signed session cookie: HttpOnly, SameSite=Strict, Secure off localhost, one working day. */
async function setSessionCookie(c: Context<AppEnv>, deps: AppDeps, sessionId: string): Promise<void> {
  // A new session brings a new CSRF token, bound to it: a token seen before the login is worth nothing.
  setCsrfCookie(c, sessionCsrfToken(deps.secrets.sessionKey, sessionId));
  return setSignedCookie(c, SESSION_COOKIE, sessionId, deps.secrets.sessionKey, {
    httpOnly: true,
    secure: isSecureRequest(c.req.url),
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

/** Only same-site paths are allowed as a post-login destination (no open redirect). */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/[A-Za-z0-9/_\-.?=&%]*$/.test(value) && !value.startsWith('//')
    ? value
    : '/';
}

/** The password form: username, password and where to go next (checked by `safeNext`). */
export const LoginFormSchema = z.object({
  username: z.string().default(''),
  password: z.string().default(''),
  volgende: z.string().optional(),
});

export function authRoutes(
  app: Hono<AppEnv>,
  deps: AppDeps,
  options: { trustedProxies?: readonly string[] } = {},
): void {
  if (deps.externalLogin) {
    externalLoginRoutes(app, deps, deps.externalLogin);
    return;
  }
  route(app, 'get', '/inloggen', 'public', (c) => {
    if (c.get('user')) return c.redirect('/', 303);
    return page(
      c,
      'Inloggen',
      <LoginForm csrf={c.get('csrfToken')} next={safeNext(c.req.query('volgende'))} />,
    );
  });

  route(
    app,
    'post',
    '/inloggen',
    'public',
    ...formAction(LoginFormSchema, {
      run: async (c, form) => {
        const client = clientAddress(c, options.trustedProxies);
        await checkPublicLimit(deps, PUBLIC_LIMITS.login, client);
        const { session } = await login(deps, { username: form.username, password: form.password, client });
        await setSessionCookie(c, deps, session.id);
        return safeNext(form.volgende);
      },
      rerender: async (c, message, status) => {
        const form = await c.req.parseBody();
        const username = typeof form.username === 'string' ? form.username : '';
        return page(
          c,
          'Inloggen',
          <LoginForm
            csrf={c.get('csrfToken')}
            next={safeNext(form.volgende)}
            username={username}
            error={message}
          />,
          status,
        );
      },
    }),
  );

  route(app, 'post', '/uitloggen', 'authenticated', async (c) => {
    const id = c.get('sessionId');
    if (id) await logout(deps, id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/inloggen', 303);
  });
}

const LOGIN_COOKIE = 'pf_login';
const LOGIN_COOKIE_MAX_AGE = 600;

/** The app's own address as the browser sees it, for the identity provider's redirect. */
function callbackUrl(c: Context<AppEnv>): string {
  return new URL('/auth/callback', c.req.url).toString();
}

/**
 * Sign-in through an identity provider: /inloggen sends the browser there with a PKCE challenge and a state
 * kept in a signed, short-lived cookie; /auth/callback checks the state, lets the provider vouch for the
 * person and opens the platform's own session. There is no password form in this mode.
 */
function externalLoginRoutes(app: Hono<AppEnv>, deps: AppDeps, external: ExternalLogin): void {
  route(app, 'get', '/inloggen', 'public', async (c) => {
    if (c.get('user')) return c.redirect('/', 303);
    const next = safeNext(c.req.query('volgende'));
    const { url, state, verifier } = external.begin(callbackUrl(c));
    await setSignedCookie(
      c,
      LOGIN_COOKIE,
      JSON.stringify({ state, verifier, next }),
      deps.secrets.sessionKey,
      {
        httpOnly: true,
        secure: isSecureRequest(c.req.url),
        // Lax: the provider's redirect back is a top-level cross-site navigation that must carry it.
        sameSite: 'Lax',
        path: '/auth/callback',
        maxAge: LOGIN_COOKIE_MAX_AGE,
      },
    );
    return c.redirect(url, 303);
  });

  route(app, 'get', '/auth/callback', 'public', async (c) => {
    const raw = await getSignedCookie(c, deps.secrets.sessionKey, LOGIN_COOKIE);
    deleteCookie(c, LOGIN_COOKIE, { path: '/auth/callback' });
    const pending = raw ? PendingLogin.safeParse(safeJson(raw)) : undefined;
    const code = c.req.query('code');
    if (!pending?.success || !code || c.req.query('state') !== pending.data.state) {
      return errorPage(
        c,
        400,
        'Aanmelden niet gelukt',
        'De aanmelding is verlopen of niet via deze site begonnen. Begin opnieuw bij de inlogpagina.',
      );
    }
    const identity = await external.complete({
      code,
      verifier: pending.data.verifier,
      redirectUri: callbackUrl(c),
    });
    const { session } = await loginWithIdentity(deps, identity);
    await setSessionCookie(c, deps, session.id);
    // A Strict session cookie is not sent on the redirect that follows a cross-site navigation in every
    // browser; a same-site page that moves on keeps the first view signed in.
    const next = pending.data.next;
    return c.html(
      html`<!doctype html><html lang="nl"><head><meta http-equiv="refresh" content="0;url=${next}"><title>Aangemeld</title></head><body><main><p><a href="${next}">Verder naar Perspectief</a></p></main></body></html>`,
    );
  });

  route(app, 'post', '/uitloggen', 'authenticated', async (c) => {
    const id = c.get('sessionId');
    if (id) await logout(deps, id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect(external.logoutUrl(new URL('/', c.req.url).toString()), 303);
  });
}

const PendingLogin = z.object({
  state: z.string().min(16),
  verifier: z.string().min(43),
  next: z.string().transform(safeNext),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
