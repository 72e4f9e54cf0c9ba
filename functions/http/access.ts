import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import type { Acting } from '../app/audit.js';
import { type Permission, rolesFor } from '../core/auth/permissions.js';
import type { Role } from '../core/auth/roles.js';
import type { AppEnv } from './env.js';
import { forbiddenPage, loginRedirect } from './responses.js';

/** Who may use a route: anyone, any signed-in person, or the holders of a permission of core/auth/permissions.ts. */
export type Rule = 'public' | 'authenticated' | Permission;
export type Access = 'public' | 'authenticated' | readonly Role[];
export type Method = 'get' | 'post';

export interface AccessEntry {
  method: Method;
  path: string;
  /** The roles the rule resolves to, for the role × route matrix. */
  access: Access;
  rule: Rule;
}

function resolve(rule: Rule): Access {
  return rule === 'public' || rule === 'authenticated' ? rule : rolesFor(rule);
}

const tables = new WeakMap<object, AccessEntry[]>();

/** Every route the app serves, with who may use it: the role × route matrix test walks this table. */
export function accessTable(app: object): readonly AccessEntry[] {
  return tables.get(app) ?? [];
}

/**
 * Registers a route together with its access rule, so no route can exist without one. A signed-in user
 * without an allowed role gets 403; an anonymous visitor is sent to the login page (GET) or gets 401.
 */
export function route(
  app: Hono<AppEnv>,
  method: Method,
  path: string,
  rule: Rule,
  ...handlers: [...MiddlewareHandler<AppEnv>[], Handler<AppEnv>]
): void {
  const table = tables.get(app) ?? [];
  const access = resolve(rule);
  table.push({ method, path, access, rule });
  tables.set(app, table);
  app.on(method.toUpperCase(), path, guard(rule), ...(handlers as MiddlewareHandler<AppEnv>[]));
}

export function guard(rule: Rule): MiddlewareHandler<AppEnv> {
  const access = resolve(rule);
  return async (c, next) => {
    if (access === 'public') return next();
    const user = c.get('user');
    if (!user) return loginRedirect(c);
    if (access !== 'authenticated') {
      const role = access.find((r) => user.roles.includes(r));
      if (!role) return forbiddenPage(c);
      c.set('role', role);
    } else {
      c.set('role', user.roles[0]);
    }
    return next();
  };
}

/** The acting person and role of a guarded route, for use cases and the audit trail. */
export function actingOf(c: Context<AppEnv>): Acting {
  const user = c.get('user');
  const role = c.get('role');
  if (!user || !role) throw new Error('actingOf used on an unguarded route');
  return { actor: { userId: user.id, username: user.username, roles: user.roles }, role };
}
