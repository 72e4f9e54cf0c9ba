import type { Hono } from 'hono';
import { dashboardFor } from '../../app/dashboard.js';
import type { AppDeps } from '../../app/deps.js';
import { route } from '../access.js';
import type { AppEnv } from '../env.js';
import { page } from '../responses.js';
import { DashboardPage } from '../views/dashboard.js';

/** The overview every signed-in person starts on: per role, what they can do next. */
export function dashboardRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/', 'authenticated', async (c) => {
    const user = c.get('user')!;
    const model = await dashboardFor(deps, user);
    return page(c, 'Overzicht', <DashboardPage roles={user.roles} model={model} />);
  });
}
