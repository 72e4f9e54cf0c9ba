import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from '../app/deps.js';
import { isDomainError } from '../core/errors.js';
import { route } from './access.js';
import type { AppEnv } from './env.js';
import { GENERIC_ERROR, statusOf } from './errors.js';
import { bodyLimits, csrf, noStoreWhenSignedIn, requestContext, session } from './middleware.js';
import { errorPage, notFoundPage } from './responses.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { caseResultRoutes } from './routes/case-results.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { faviconRoutes } from './routes/favicon.js';
import { jobRoutes } from './routes/jobs.js';
import { letterRoutes } from './routes/letters/index.js';
import { loadMapAssets, type MapAssets, mapAssetRoutes, PDOK_TILE_ORIGIN } from './routes/map-assets.js';
import { publicSmsRoutes } from './routes/public-sms.js';
import { purgeRoutes } from './routes/purge.js';
import { sendingRoutes } from './routes/sending.js';
import { smsRoutes } from './routes/sms.js';
import { taskRoutes } from './routes/tasks.js';
import { testSmsRoutes } from './routes/test-sms.js';

export interface HttpOptions {
  /** The complete stylesheet (NL Design System + the app's own rules), loaded once by the runtime. */
  stylesheet: string;
  /**
   * Addresses of proxies in front of the local server whose `X-Forwarded-For` may be believed; none by
   * default (the socket's address counts). In AWS API Gateway's `sourceIp` counts and this is not needed.
   */
  trustedProxies?: readonly string[];
  /** Leaflet's script and stylesheet; read from node_modules on first use when not given. */
  mapAssets?: () => MapAssets;
}

/** The whole web application as one `fetch(Request) → Response` app; Node and Lambda adapters stay thin. */
export function createApp(deps: AppDeps, options: HttpOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Map tiles of the PDOK base map: the one foreign host, for images only.
        imgSrc: ["'self'", 'data:', PDOK_TILE_ORIGIN],
        scriptSrc: ["'self'"],
        // Contact files go straight to staging storage: by form, or by the page's script for several files.
        formAction: ["'self'", ...(deps.uploadStaging ? [deps.uploadStaging.origin] : [])],
        connectSrc: ["'self'", ...(deps.uploadStaging ? [deps.uploadStaging.origin] : [])],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use(requestContext(deps));
  // The session is read from its cookie alone; the body limits depend on it, and the CSRF check reads the
  // body only within them.
  app.use(session(deps));
  app.use(noStoreWhenSignedIn());
  app.use(bodyLimits(deps));
  app.use(csrf(deps));

  route(app, 'get', '/assets/app.css', 'public', (c) =>
    c.body(options.stylesheet, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  route(app, 'get', '/gezondheid', 'public', (c) => c.json({ status: 'ok' }));
  faviconRoutes(app);
  mapAssetRoutes(app, options.mapAssets ?? (() => loadMapAssets()));

  authRoutes(app, deps, { trustedProxies: options.trustedProxies ?? [] });
  dashboardRoutes(app, deps);
  taskRoutes(app, deps);
  adminRoutes(app, deps);
  testSmsRoutes(app, deps);
  letterRoutes(app, deps);
  jobRoutes(app, deps);
  smsRoutes(app, deps);
  sendingRoutes(app, deps);
  publicSmsRoutes(app, deps, { trustedProxies: options.trustedProxies ?? [] });
  purgeRoutes(app, deps);
  caseResultRoutes(app, deps);

  app.notFound((c) => notFoundPage(c));
  app.onError((error, c) => {
    const status = statusOf(error);
    if (isDomainError(error)) {
      if (status >= 500)
        deps.logger.error(error.message, { requestId: c.get('requestId'), ...error.context });
      return errorPage(c, status, titleFor(status), error.userMessage);
    }
    deps.logger.error('Unhandled error', { requestId: c.get('requestId'), error });
    return errorPage(c, 500, 'Er ging iets mis', GENERIC_ERROR);
  });

  return app;
}

function titleFor(status: number): string {
  switch (status) {
    case 403:
      return 'Geen toegang';
    case 404:
      return 'Niet gevonden';
    case 409:
      return 'Gewijzigd door iemand anders';
    case 413:
      return 'Te groot';
    case 422:
      return 'Controleer uw invoer';
    case 429:
      return 'Even geduld';
    default:
      return 'Er ging iets mis';
  }
}
