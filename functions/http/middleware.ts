import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, getSignedCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../app/deps.js';
import { isSessionValid } from '../core/auth/session.js';
import { defaultSettings } from '../core/settings/settings.schema.js';
import type { AppEnv } from './env.js';
import { errorPage } from './responses.js';

export const SESSION_COOKIE = 'pf_session';
export const CSRF_COOKIE = 'pf_csrf';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Cookies are Secure everywhere except plain-http localhost, where browsers would drop them. */
export function isSecureRequest(url: string): boolean {
  const { hostname, protocol } = new URL(url);
  return protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('requestId', deps.ids.next());
    c.set('settings', (await deps.settings.get()) ?? defaultSettings('Voorbeeldstad'));
    c.set('user', undefined);
    c.set('sessionId', undefined);
    c.set('role', undefined);
    await next();
  };
}

/**
 * Double-submit CSRF protection: a random token in an HttpOnly SameSite=Strict cookie must come back in the
 * form field `_csrf` (or the `x-csrf-token` header) of every state-changing request.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE);
    if (!token || !/^[A-Za-z0-9_-]{32,}$/.test(token)) {
      token = randomBytes(24).toString('base64url');
      setCookie(c, CSRF_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: isSecureRequest(c.req.url),
        path: '/',
      });
    }
    c.set('csrfToken', token);
    if (STATE_CHANGING.has(c.req.method)) {
      const sent =
        c.req.header('x-csrf-token') ?? (await formField(c.req.raw.headers, () => c.req.parseBody()));
      const cookie = getCookie(c, CSRF_COOKIE);
      if (!cookie || !sent || !equal(sent, cookie)) {
        return errorPage(
          c,
          403,
          'Verzoek geweigerd',
          'De beveiligingscode van het formulier ontbreekt of is verlopen. Laad de pagina opnieuw en probeer het nog eens.',
        );
      }
    }
    await next();
  };
}

async function formField(
  headers: Headers,
  parse: () => Promise<Record<string, string | File | (string | File)[]>>,
): Promise<string | undefined> {
  const type = headers.get('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data'))
    return undefined;
  const value = (await parse())._csrf;
  return typeof value === 'string' ? value : undefined;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Loads the signed session cookie, the session and its user; disabled users and expired sessions count as anonymous. */
export function session(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = await getSignedCookie(c, deps.secrets.sessionKey, SESSION_COOKIE);
    if (id) {
      const stored = await deps.sessions.get(id);
      if (stored && isSessionValid(stored, deps.clock.now())) {
        const user = await deps.users.get(stored.userId);
        if (user && !user.disabled) {
          c.set('user', user);
          c.set('sessionId', id);
        }
      }
    }
    await next();
  };
}
