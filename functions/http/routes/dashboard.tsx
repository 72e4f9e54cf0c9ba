import type { Hono } from 'hono';
import type { AppDeps } from '../../app/deps.js';
import { ROLE_LABELS, type Role } from '../../core/auth/roles.js';
import { route } from '../access.js';
import type { AppEnv } from '../env.js';
import { page } from '../responses.js';
import { SMS_ADVISER_SECTION, SMS_APPROVALS_SECTION } from '../views/sms-dashboard.js';
import { LETTERS_SECTION, ROUNDS_SECTION } from './letter-dashboard.js';

export interface DashboardSection {
  title: string;
  /** Rendered when the role's user opens the overview; returns the section body. */
  render(deps: AppDeps, userId: string): Promise<unknown> | unknown;
}

/**
 * The overview per role: what this person can do next. Feature modules register their sections here so the
 * overview grows with the platform without one module knowing the others.
 */
export const DASHBOARD: Record<Role, DashboardSection[]> = {
  adviser: [SMS_ADVISER_SECTION],
  om_liaison: [SMS_APPROVALS_SECTION],
  area_manager: [LETTERS_SECTION],
  distributor: [ROUNDS_SECTION],
  admin: [
    {
      title: 'Beheer',
      render: async (deps) => {
        const users = await deps.users.list();
        const active = users.filter((u) => !u.disabled).length;
        return (
          <>
            <p class="utrecht-paragraph">
              {active} actieve gebruiker{active === 1 ? '' : 's'}. Voeg medewerkers toe, stel de huisstijl en
              de toegestane linkdomeinen in en bekijk de audittrail.
            </p>
            <ul class="utrecht-unordered-list">
              <li>
                <a class="utrecht-link" href="/beheer/gebruikers">
                  Gebruikers beheren
                </a>
              </li>
              <li>
                <a class="utrecht-link" href="/beheer/instellingen">
                  Gemeente-instellingen
                </a>
              </li>
              <li>
                <a class="utrecht-link" href="/beheer/audit">
                  Audittrail bekijken
                </a>
              </li>
            </ul>
          </>
        );
      },
    },
  ],
};

const INTRO: Record<Role, string> = {
  adviser:
    'Bereid hier de SMS-bom en wijkberichten voor een zaak voor: lijsten uploaden, berichtvarianten schrijven en ter goedkeuring aanbieden.',
  om_liaison:
    'Hier ziet u de verzoeken om goedkeuring van een SMS-campagne. U ziet alleen gemaskeerde nummers en de tellingen.',
  area_manager: 'Selecteer de straten rond een aanhouding, maak de wijkbrieven en plan de bezorging.',
  distributor:
    'Hier staan de straten die u moet bezorgen. Tik een straat af zodra de brieven in de bus zitten.',
  admin: 'Beheer gebruikers, gemeente-instellingen en bewaartermijnen.',
};

export function dashboardRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/', 'authenticated', async (c) => {
    const user = c.get('user')!;
    const sections = await Promise.all(
      user.roles.flatMap((role) =>
        DASHBOARD[role].map(async (s) => ({ role, title: s.title, body: await s.render(deps, user.id) })),
      ),
    );
    return page(
      c,
      'Overzicht',
      <>
        <h1 class="utrecht-heading-1">Overzicht</h1>
        {user.roles.map((role) => (
          <section class="dashboard-role" aria-labelledby={`rol-${role}`}>
            <h2 class="utrecht-heading-2" id={`rol-${role}`}>
              {ROLE_LABELS[role]}
            </h2>
            <p class="utrecht-paragraph">{INTRO[role]}</p>
            {sections
              .filter((s) => s.role === role)
              .map((s) => (
                <div class="card">
                  <h3 class="utrecht-heading-3">{s.title}</h3>
                  {s.body as never}
                </div>
              ))}
          </section>
        ))}
      </>,
    );
  });
}
