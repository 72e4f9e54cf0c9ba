import type { Hono } from 'hono';
import * as z from 'zod';
import { auditPageModel, exportAuditCsv } from '../../app/admin-pages.js';
import type { AppDeps } from '../../app/deps.js';
import { createUser, listUsers, resetPassword, setUserDisabled } from '../../app/users.js';
import { type Role, RoleSchema } from '../../core/auth/roles.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { formAction } from '../form-action.js';
import { page } from '../responses.js';
import { AuditPage } from '../views/admin/audit.js';
import { PasswordNotice, UsersPage } from '../views/admin/users.js';
import { settingsRoutes } from './settings.js';

/** A new account: username, display name and the roles ticked (anything that is not a role is ignored). */
export const NewUserFormSchema = z.object({
  username: z.string().default(''),
  displayName: z.string().default(''),
  roles: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((roles) =>
      [roles].flat().flatMap((r): Role[] => {
        const role = RoleSchema.safeParse(r);
        return role.success ? [role.data] : [];
      }),
    ),
});

/** Accounts, municipality settings and the global audit trail: the administrator's pages. */
export function adminRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/beheer/gebruikers', 'admin.manage', async (c) =>
    page(c, 'Gebruikers', <UsersPage users={await listUsers(deps)} csrf={c.get('csrfToken')} />),
  );

  // A new account answers with the page itself: its one-time password is shown once, never redirected to.
  route(
    app,
    'post',
    '/beheer/gebruikers',
    'admin.manage',
    ...formAction(NewUserFormSchema, {
      run: async (c, input) => {
        const { user, password } = await createUser(deps, actingOf(c), input);
        return page(
          c,
          'Gebruikers',
          <UsersPage
            users={await listUsers(deps)}
            csrf={c.get('csrfToken')}
            message={<PasswordNotice username={user.username} password={password} />}
          />,
          201,
        );
      },
      rerender: async (c, message, status) =>
        page(
          c,
          'Gebruikers',
          <UsersPage users={await listUsers(deps)} csrf={c.get('csrfToken')} error={message} />,
          status,
        ),
    }),
  );

  for (const [path, disabled] of [
    ['uitschakelen', true],
    ['inschakelen', false],
  ] as const) {
    route(app, 'post', `/beheer/gebruikers/:id/${path}`, 'admin.manage', async (c) => {
      await setUserDisabled(deps, actingOf(c), c.req.param('id') ?? '', disabled);
      return c.redirect('/beheer/gebruikers', 303);
    });
  }

  route(app, 'post', '/beheer/gebruikers/:id/wachtwoord', 'admin.manage', async (c) => {
    const { user, password } = await resetPassword(deps, actingOf(c), c.req.param('id') ?? '');
    return page(
      c,
      'Gebruikers',
      <UsersPage
        users={await listUsers(deps)}
        csrf={c.get('csrfToken')}
        message={<PasswordNotice username={user.username} password={password} />}
      />,
    );
  });

  settingsRoutes(app, deps);

  route(app, 'get', '/beheer/audit', 'admin.manage', async (c) => {
    const model = await auditPageModel(deps, c.req.query());
    return page(c, 'Audittrail', <AuditPage {...model} />);
  });

  route(app, 'get', '/beheer/audit.csv', 'admin.manage', async (c) =>
    c.body(await exportAuditCsv(deps, actingOf(c), c.req.query()), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="audittrail.csv"',
    }),
  );
}
