import type { Child, FC } from 'hono/jsx';
import { ROLE_LABELS, type Role } from '../../core/auth/roles.js';
import type { Settings } from '../../core/settings/settings.schema.js';
import type { User } from '../../core/users/user.schema.js';
import { navigationFor } from './navigation.js';

export interface PageProps {
  title: string;
  user: User | undefined;
  settings: Settings;
  csrfToken: string;
  currentPath?: string;
  /** Whether the local SMS outbox exists (embedded default): only then does the menu link to it. */
  localOutbox?: boolean;
  /** Sends the browser on to this same-site address at once (a page that only hands over). */
  refreshTo?: string;
  /** Seconds before `refreshTo` (0 by default): a progress page reloads itself this way, without script. */
  refreshSeconds?: number;
  children?: Child;
}

/**
 * The page frame on the NL Design System (Utrecht components): skip link, header, navigation, main, footer
 * landmarks; the municipality colour comes from settings. Works without JavaScript.
 */
export const Layout: FC<PageProps> = ({
  title,
  user,
  settings,
  csrfToken,
  currentPath,
  localOutbox = false,
  refreshTo,
  refreshSeconds = 0,
  children,
}) => (
  <html lang="nl">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · Perspectief · Gemeente ${settings.municipality}`}</title>
      <link rel="stylesheet" href="/assets/app.css" />
      <style>{`:root{--perspectief-primary:${settings.primaryColor}}`}</style>
      <meta name="csrf-token" content={csrfToken} />
      {refreshTo ? <meta http-equiv="refresh" content={`${refreshSeconds};url=${refreshTo}`} /> : null}
    </head>
    <body class="utrecht-theme utrecht-body utrecht-document">
      <a class="skip-link utrecht-link" href="#inhoud">
        Direct naar de inhoud
      </a>
      <header class="page-header">
        <div class="page-header__inner">
          <a class="page-header__brand" href="/">
            {settings.logoUrl ? <img src={settings.logoUrl} alt="" height="40" /> : null}
            <span>
              Perspectief <span class="page-header__municipality">Gemeente {settings.municipality}</span>
            </span>
          </a>
          {user ? (
            <div class="page-header__user">
              <span>
                {user.displayName}{' '}
                <span class="muted">({user.roles.map((r) => ROLE_LABELS[r]).join(', ')})</span>
              </span>
              <form method="post" action="/uitloggen" class="inline-form">
                <input type="hidden" name="_csrf" value={csrfToken} />
                <button type="submit" class="utrecht-button utrecht-button--subtle">
                  Uitloggen
                </button>
              </form>
            </div>
          ) : null}
        </div>
        {user ? <Navigation roles={user.roles} currentPath={currentPath} localOutbox={localOutbox} /> : null}
      </header>
      <main id="inhoud" class="page-main" tabindex={-1}>
        {children}
      </main>
      <footer class="page-footer">
        <p>
          Perspectief — communicatie na een politieactie. Gemeente {settings.municipality}. Telefoonnummers
          worden alleen gemaskeerd getoond.
        </p>
      </footer>
    </body>
  </html>
);

const Navigation: FC<{ roles: Role[]; currentPath: string | undefined; localOutbox: boolean }> = ({
  roles,
  currentPath,
  localOutbox,
}) => (
  <nav class="page-nav" aria-label="Hoofdmenu">
    <ul class="page-nav__list">
      {navigationFor(roles, { localOutbox }).map((item) => (
        <li>
          <a
            class="page-nav__link"
            href={item.href}
            aria-current={isCurrent(item.href, currentPath) ? 'page' : undefined}
          >
            {item.label}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

function isCurrent(href: string, path: string | undefined): boolean {
  if (!path) return false;
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

export const Alert: FC<{ type: 'info' | 'ok' | 'warning' | 'error'; children?: Child }> = ({
  type,
  children,
}) => (
  <div class={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
    <div class="utrecht-alert__message">{children}</div>
  </div>
);

export const CsrfField: FC<{ token: string }> = ({ token }) => (
  <input type="hidden" name="_csrf" value={token} />
);
