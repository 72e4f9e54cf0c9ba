import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PdfDownload } from '../app/pdf-download.js';
import type { AppEnv } from './env.js';
import { Layout } from './views/layout.js';

/** Renders a page inside the layout with the request's user, settings and CSRF token. */
export function page(
  c: Context<AppEnv>,
  title: string,
  body: unknown,
  status: ContentfulStatusCode = 200,
  refresh?: { to: string; seconds: number },
): Response | Promise<Response> {
  return c.html(
    html`<!doctype html>${(
      <Layout
        title={title}
        user={c.get('user')}
        settings={c.get('settings')}
        csrfToken={c.get('csrfToken')}
        currentPath={c.req.path}
        localOutbox={c.get('localOutbox')}
        {...(refresh ? { refreshTo: refresh.to, refreshSeconds: refresh.seconds } : {})}
      >
        {body as never}
      </Layout>
    )}`,
    status,
  );
}

/**
 * Where staging storage (S3) sends the browser after an upload: a page that only hands over to `next` on the
 * platform itself. Why: the browser arrives from another site, so it leaves the SameSite=Strict session
 * cookie behind; the page's own (same-site) refresh brings it along again. Nothing is read or changed
 * here, and only a staging key of plain characters is passed on.
 */
export function stagedReturnPage(c: Context<AppEnv>, next: string): Response | Promise<Response> {
  const key = c.req.query('key') ?? '';
  if (!/^uploads\/[A-Za-z0-9/_-]{1,300}$/.test(key)) {
    return errorPage(
      c,
      422,
      'Upload niet herkend',
      'Deze terugkeer van een upload is niet geldig. Upload het bestand opnieuw.',
    );
  }
  const target = `${next}?key=${encodeURIComponent(key)}`;
  return c.html(
    html`<!doctype html>${(
      <Layout
        title="Bestand ontvangen"
        user={c.get('user')}
        settings={c.get('settings')}
        csrfToken={c.get('csrfToken')}
        refreshTo={target}
      >
        <h1 class="utrecht-heading-1">Bestand ontvangen</h1>
        <p class="utrecht-paragraph">
          Het bestand is ontvangen en wordt nu ingelezen.{' '}
          <a class="utrecht-link" href={target}>
            Ga verder
          </a>{' '}
          als dit niet vanzelf gebeurt.
        </p>
      </Layout>
    )}`,
  );
}

export function wantsJson(c: Context<AppEnv>): boolean {
  return (c.req.header('accept') ?? '').includes('application/json');
}

export function errorPage(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  title: string,
  message: string,
): Response | Promise<Response> {
  const reference = c.get('requestId');
  if (wantsJson(c)) return c.json({ error: { message, reference } }, status);
  return page(
    c,
    title,
    <section class="error-page">
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{message}</p>
      <p class="utrecht-paragraph muted">
        Referentie: <code>{reference}</code>
      </p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/">
          Naar het overzicht
        </a>
      </p>
    </section>,
    status,
  );
}

export function forbiddenPage(c: Context<AppEnv>): Response | Promise<Response> {
  return errorPage(c, 403, 'Geen toegang', 'U heeft geen toegang tot deze pagina met uw rol.');
}

export function notFoundPage(c: Context<AppEnv>): Response | Promise<Response> {
  return errorPage(c, 404, 'Pagina niet gevonden', 'Deze pagina bestaat niet (meer). Controleer het adres.');
}

export function loginRedirect(c: Context<AppEnv>): Response | Promise<Response> {
  if (c.req.method !== 'GET' || wantsJson(c)) {
    return errorPage(c, 401, 'Niet ingelogd', 'Log eerst in om verder te gaan.');
  }
  const next = c.req.path === '/' ? '' : `?volgende=${encodeURIComponent(c.req.path)}`;
  return c.redirect(`/inloggen${next}`, 303);
}

/**
 * Answers a rendered PDF: the bytes as an attachment, or a 303 to its short-lived download link (in AWS,
 * where a response through API Gateway cannot exceed 6 MB). Neither may be cached: both hold addresses or
 * purge details.
 */
export function pdfResponse(c: Context<AppEnv>, pdf: PdfDownload): Response {
  c.header('cache-control', 'no-store');
  if (pdf.kind === 'link') return c.redirect(pdf.url, 303);
  return c.body(pdf.bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${pdf.fileName}"`,
  });
}
