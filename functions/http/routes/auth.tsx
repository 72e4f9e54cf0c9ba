import type { Hono } from 'hono';
import { deleteCookie, setSignedCookie } from 'hono/cookie';
import type { AppDeps } from '../../app/deps.js';
import { login, logout } from '../../app/login.js';
import { SESSION_HOURS } from '../../core/auth/session.js';
import { isDomainError } from '../../core/errors.js';
import { route } from '../access.js';
import type { AppEnv } from '../env.js';
import { statusOf } from '../errors.js';
import { isSecureRequest, SESSION_COOKIE } from '../middleware.js';
import { page } from '../responses.js';
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

/** Only same-site paths are allowed as a post-login destination (no open redirect). */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/[A-Za-z0-9/_\-.?=&%]*$/.test(value) && !value.startsWith('//')
    ? value
    : '/';
}

export function authRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/inloggen', 'public', (c) => {
    if (c.get('user')) return c.redirect('/', 303);
    return page(
      c,
      'Inloggen',
      <LoginForm csrf={c.get('csrfToken')} next={safeNext(c.req.query('volgende'))} />,
    );
  });

  route(app, 'post', '/inloggen', 'public', async (c) => {
    const form = await c.req.parseBody();
    const username = typeof form.username === 'string' ? form.username : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const next = safeNext(form.volgende);
    try {
      const { session } = await login(deps, { username, password });
      await setSignedCookie(c, SESSION_COOKIE, session.id, deps.secrets.sessionKey, {
        httpOnly: true,
        secure: isSecureRequest(c.req.url),
        sameSite: 'Strict',
        path: '/',
        maxAge: SESSION_HOURS * 3600,
      });
      return c.redirect(next, 303);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return page(
        c,
        'Inloggen',
        <LoginForm csrf={c.get('csrfToken')} next={next} username={username} error={error.userMessage} />,
        statusOf(error),
      );
    }
  });

  route(app, 'post', '/uitloggen', 'authenticated', async (c) => {
    const id = c.get('sessionId');
    if (id) await logout(deps, id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/inloggen', 303);
  });
}
