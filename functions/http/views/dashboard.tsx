import type { Child } from 'hono/jsx';
import type { DashboardModel } from '../../app/dashboard.js';
import { ROLE_LABELS, type Role } from '../../core/auth/roles.js';
import type { Task } from '../../core/tasks/my-tasks.js';
import { LettersSection, RoundsSection } from './letter-dashboard.js';
import { SmsAdviserSection, SmsApprovalsSection } from './sms-dashboard.js';
import { MyTasks } from './tasks.js';

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

const AdminSection = ({ activeUsers }: { activeUsers: number }) => (
  <>
    <p class="utrecht-paragraph">
      {activeUsers} actieve gebruiker{activeUsers === 1 ? '' : 's'}. Voeg medewerkers toe, stel de huisstijl
      en de toegestane linkdomeinen in en bekijk de audittrail.
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

/** A role's card on the overview: its title and body, or nothing when the model has no part for it. */
function sectionOf(role: Role, model: DashboardModel): { title: string; body: Child } | undefined {
  switch (role) {
    case 'adviser':
      return model.adviser && { title: 'SMS-bom', body: <SmsAdviserSection open={model.adviser.open} /> };
    case 'om_liaison':
      return (
        model.om_liaison && {
          title: 'Verzoeken om goedkeuring',
          body: <SmsApprovalsSection queue={model.om_liaison.queue} />,
        }
      );
    case 'area_manager':
      return (
        model.area_manager && {
          title: 'Wijkberichten',
          body: <LettersSection letters={model.area_manager.letters} />,
        }
      );
    case 'distributor':
      return (
        model.distributor && {
          title: 'Mijn bezorgrondes',
          body: <RoundsSection rounds={model.distributor.rounds} />,
        }
      );
    case 'admin':
      return model.admin && { title: 'Beheer', body: <AdminSection activeUsers={model.admin.activeUsers} /> };
  }
}

/** The overview: the person's tasks first, then per role what this person can do next. */
export const DashboardPage = ({
  roles,
  model,
  tasks = [],
  notify = false,
}: {
  roles: readonly Role[];
  model: DashboardModel;
  tasks?: readonly Task[];
  notify?: boolean;
}) => (
  <>
    <h1 class="utrecht-heading-1">Overzicht</h1>
    <MyTasks tasks={tasks} notify={notify} />
    {roles.map((role) => {
      const section = sectionOf(role, model);
      return (
        <section class="dashboard-role" aria-labelledby={`rol-${role}`}>
          <h2 class="utrecht-heading-2" id={`rol-${role}`}>
            {ROLE_LABELS[role]}
          </h2>
          <p class="utrecht-paragraph">{INTRO[role]}</p>
          {section ? (
            <div class="card">
              <h3 class="utrecht-heading-3">{section.title}</h3>
              {section.body}
            </div>
          ) : null}
        </section>
      );
    })}
  </>
);
