import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, getSignedCookie, setCookie } from 'hono/cookie';
import { assertUploadBodySize, maxUploadBodyBytes } from '../app/contact-uploads.js';
import type { AppDeps } from '../app/deps.js';
import { sessionUser } from '../app/login.js';
import { getSettings } from '../app/settings.js';
import { RateLimitedError, TooLargeError, ValidationError } from '../core/errors.js';
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
    c.set('settings', await getSettings(deps));
    c.set('localOutbox', deps.sending.outbox !== undefined);
    c.set('user', undefined);
    c.set('sessionId', undefined);
    c.set('role', undefined);
    c.set('bodyTooLarge', undefined);
    await next();
  };
}

/**
 * The CSRF token of a signed-in session: derived from the session id, so it is bound to that session and a
 * new one comes with every login. Anonymous visitors get a random token in the cookie instead.
 */
export function sessionCsrfToken(sessionKey: string, sessionId: string): string {
  return createHmac('sha256', sessionKey).update(`csrf:${sessionId}`).digest('base64url');
}

/** Puts the token in the `pf_csrf` cookie (HttpOnly, SameSite=Strict), for forms and scripts to send back. */
export function setCsrfCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, CSRF_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isSecureRequest(c.req.url),
    path: '/',
  });
}

/**
 * CSRF protection for every state-changing request, in two layers. The browser's own word first: a
 * `Sec-Fetch-Site` other than same-origin (or none), or an `Origin` of another host, is refused. Then the
 * token: signed in, it must equal the one derived from the session (bound to it, new at every login);
 * anonymous, the random token of the `pf_csrf` cookie (double submit). The token comes back in the form
 * field `_csrf` or the `x-csrf-token` header. A form that cannot be read is a Dutch 422, never a 500.
 */
export function csrf(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const cookie = getCookie(c, CSRF_COOKIE);
    const sessionId = c.get('sessionId');
    let token: string;
    if (sessionId) token = sessionCsrfToken(deps.secrets.sessionKey, sessionId);
    else if (cookie && /^[A-Za-z0-9_-]{32,}$/.test(cookie)) token = cookie;
    else token = randomBytes(24).toString('base64url');
    if (cookie !== token) setCsrfCookie(c, token);
    c.set('csrfToken', token);
    if (STATE_CHANGING.has(c.req.method)) {
      if (crossSite(c)) {
        return errorPage(
          c,
          403,
          'Verzoek geweigerd',
          'Dit verzoek komt van een andere website en is daarom geweigerd. Open de pagina in Perspectief zelf en probeer het opnieuw.',
        );
      }
      const sent = c.req.header('x-csrf-token') ?? (await formField(c));
      const expected = sessionId ? token : cookie;
      if (!expected || !sent || !equal(sent, expected)) {
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

/**
 * Whether the browser says the request comes from another site (older browsers send neither header).
 * `Sec-Fetch-Site` decides when present: the pages send `Referrer-Policy: no-referrer`, under which a
 * browser's form posts carry `Origin: null` even on the same site, so `Origin` only counts without it.
 */
function crossSite(c: Context<AppEnv>): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = c.req.header('origin');
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host !== new URL(c.req.url).host;
  } catch {
    return true;
  }
}

async function formField(c: Context<AppEnv>): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data'))
    return undefined;
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch (error) {
    if (c.get('bodyTooLarge')) throw c.get('bodyTooLarge');
    throw new ValidationError('Unreadable form body', {
      userMessage:
        'Het formulier kon niet worden gelezen (onvolledig of beschadigd verzonden). Laad de pagina opnieuw en probeer het nog eens.',
      cause: error,
    });
  }
  const value = form._csrf;
  return typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? value[0]
      : undefined;
}

/** Request body limits; the upload routes take files, every other route a small form. */
export interface BodyLimits {
  /** Requests without a session: the login and `/stop` forms. */
  anonymousBytes: number;
  /** A signed-in person's forms. */
  formBytes: number;
  /** Uploads at once per person, and for everyone together. */
  uploadsPerPerson: number;
  uploadsTotal: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  anonymousBytes: 8 * 1024,
  formBytes: 1024 * 1024,
  uploadsPerPerson: 1,
  uploadsTotal: 3,
};

/** The routes that take contact files in the request body (locally; in AWS files go to S3). */
const UPLOAD_PATHS = [/^\/campagnes\/[^/]+\/uploads$/, /^\/beheer\/niet-benaderen(?:\/verwijderen)?$/];

/**
 * Limits a request body before anything reads it: a declared length above the limit is refused at once
 * (413), and the body is counted while it is read, so a body without a length (chunked) stops at the limit
 * too and is never held beyond it. Anonymous requests may send a few kB, signed-in forms 1 MB, uploads
 * the upload limit; uploads run one at a time per person and a few at a time in total.
 */
export function bodyLimits(
  deps: AppDeps,
  limits: BodyLimits = DEFAULT_BODY_LIMITS,
): MiddlewareHandler<AppEnv> {
  const uploading = new Map<string, number>();
  let uploadsTotal = 0;
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const user = c.get('user');
    const upload =
      user !== undefined && c.req.method === 'POST' && UPLOAD_PATHS.some((p) => p.test(c.req.path));
    const max = !user ? limits.anonymousBytes : upload ? maxUploadBodyBytes(deps) : limits.formBytes;
    const tooLarge = upload
      ? uploadTooLarge(deps)
      : new TooLargeError('Request body above its limit', {
          userMessage: 'Het verzoek is te groot en is niet verwerkt.',
          context: { limit: max, signedIn: user !== undefined },
        });
    const declared = Number(raw.headers.get('content-length') ?? Number.NaN);
    if (declared > max) throw tooLarge;
    let seen = 0;
    const counted = raw.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > max) {
            c.set('bodyTooLarge', tooLarge);
            controller.error(tooLarge);
          } else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
    if (!upload || !user) return next();
    const mine = uploading.get(user.id) ?? 0;
    if (mine >= limits.uploadsPerPerson || uploadsTotal >= limits.uploadsTotal) {
      throw new RateLimitedError('Too many uploads at once', {
        userMessage:
          mine >= limits.uploadsPerPerson
            ? 'Er loopt al een upload van u. Wacht tot die klaar is en probeer het dan opnieuw.'
            : 'Er lopen op dit moment te veel uploads tegelijk. Probeer het over een minuut opnieuw.',
      });
    }
    uploading.set(user.id, mine + 1);
    uploadsTotal++;
    try {
      await next();
    } finally {
      uploadsTotal--;
      const left = (uploading.get(user.id) ?? 1) - 1;
      if (left > 0) uploading.set(user.id, left);
      else uploading.delete(user.id);
    }
  };
}

/** The upload use case's own Dutch 413, so the page says the same whichever check refuses first. */
function uploadTooLarge(deps: AppDeps): Error {
  try {
    assertUploadBodySize(deps, Number.POSITIVE_INFINITY);
  } catch (error) {
    return error as Error;
  }
  return new TooLargeError('Upload body too large', { userMessage: 'De upload is te groot.' });
}

/** Authenticated pages are never kept by the browser or a proxy: a shared computer shows nothing afterwards. */
export function noStoreWhenSignedIn(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.get('user') && !c.res.headers.has('cache-control'))
      c.res.headers.set('cache-control', 'private, no-store');
  };
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Loads the signed session cookie, the session and its user; disabled users, expired sessions and sessions
 * opened before the person's password, status or roles last changed count as anonymous.
 */
export function session(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = await getSignedCookie(c, deps.secrets.sessionKey, SESSION_COOKIE);
    const user = id ? await sessionUser(deps, id) : undefined;
    if (id && user) {
      c.set('user', user);
      c.set('sessionId', id);
    }
    await next();
  };
}
