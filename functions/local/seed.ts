import { systemActing } from '../app/audit.js';
import { createCampaignFromBlueprint } from '../app/campaigns.js';
import { createCase } from '../app/cases.js';
import type { AppDeps } from '../app/deps.js';
import { updateSettings } from '../app/settings.js';
import { createUser } from '../app/users.js';
import type { Role } from '../core/auth/roles.js';
import { defaultSettings } from '../core/settings/settings.schema.js';

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
}

const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'adviseur', displayName: 'Demo Communicatieadviseur', role: 'adviser' },
  { username: 'om-contact', displayName: 'Demo Contactpersoon OM', role: 'om_liaison' },
  { username: 'gebiedsmanager', displayName: 'Demo Gebiedsmanager', role: 'area_manager' },
  { username: 'bezorger', displayName: 'Demo Bezorger', role: 'distributor' },
  { username: 'beheerder', displayName: 'Demo Beheerder', role: 'admin' },
];

/**
 * First start only: a demo municipality, one user per role with a generated password (returned once, to be
 * printed, and stored only as a hash), and a demo case. Returns undefined when the store was already seeded.
 */
export async function seedDemoOnce(deps: AppDeps, municipality: string): Promise<DemoLogin[] | undefined> {
  if (await deps.settings.get()) return undefined;
  const logins: DemoLogin[] = [];
  for (const demo of DEMO_USERS) {
    const existing = await deps.users.findByUsername(demo.username);
    if (existing) continue;
    const { password } = await createUser(deps, systemActing('seed'), {
      username: demo.username,
      displayName: demo.displayName,
      roles: [demo.role],
    });
    logins.push({ username: demo.username, password, role: demo.role });
  }
  await updateSettings(deps, systemActing('seed'), defaultSettings(municipality));
  await seedDemoSmsCampaign(deps, municipality);
  return logins;
}

/**
 * The demo case "Bazooka (demo)" with one SMS campaign in draft from the street-dealing blueprint,
 * prepared by the demo adviser, so a first visitor can try the whole flow up to the OM approval at once.
 */
async function seedDemoSmsCampaign(deps: AppDeps, municipality: string): Promise<void> {
  const adviser = await deps.users.findByUsername('adviseur');
  if (!adviser) return;
  const acting = {
    actor: { userId: adviser.id, username: adviser.username, roles: adviser.roles },
    role: 'adviser' as const,
  };
  const demo = await createCase(deps, acting, {
    name: 'Bazooka (demo)',
    actionDate: deps.clock.now().toISOString().slice(0, 10),
    municipality,
    areaDescription: 'Demowijk en omgeving',
  });
  await createCampaignFromBlueprint(deps, acting, {
    caseId: demo.id,
    blueprintId: 'sms-bom-straathandel',
    name: 'SMS-bom Bazooka (demo)',
  });
}
