import type { Hono } from 'hono';
import { dashboardFor } from '../../app/dashboard.js';
import type { AppDeps } from '../../app/deps.js';
import { myMailPreference } from '../../app/mail-preferences.js';
import { tasksOf } from '../../app/tasks.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { page } from '../responses.js';
import { DashboardPage } from '../views/dashboard.js';

/** The overview every signed-in person starts on: per role, what they can do next. */
export function dashboardRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/', 'authenticated', async (c) => {
    const user = c.get('user')!;
    const [model, tasks, mail] = await Promise.all([
      dashboardFor(deps, user),
      tasksOf(deps, user),
      myMailPreference(deps, actingOf(c)),
    ]);
    return page(
      c,
      'Overzicht',
      <DashboardPage roles={user.roles} model={model} tasks={tasks} notify={mail.notify} />,
    );
  });
}
