import type { Role } from '../core/auth/roles.js';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import type { Round } from '../core/letters/distribution.schema.js';
import type { User } from '../core/users/user.schema.js';
import type { Acting } from './audit.js';
import { listApprovalQueue, listCampaignsByStatus } from './campaigns.js';
import type { AppDeps } from './deps.js';
import { type DistributionOverview, distributionOverview } from './distribution.js';
import { letterCampaigns } from './letter-pages.js';

/** A letter campaign on the area manager's overview, with its coverage. */
export interface LetterCoverage {
  campaign: Campaign;
  overview: DistributionOverview;
}

/** What the overview shows per role the person holds; a role the person lacks has no entry. */
export interface DashboardModel {
  adviser?: { open: Campaign[] };
  om_liaison?: { queue: Campaign[] };
  area_manager?: { letters: LetterCoverage[] };
  distributor?: { rounds: Round[] };
  admin?: { activeUsers: number };
}

const OPEN_SMS_STATUSES = ['rejected', 'draft', 'expired', 'ready_for_approval', 'approved'] as const;

function actingAs(user: User, role: Role): Acting {
  return { actor: { userId: user.id, username: user.username, roles: user.roles }, role };
}

/** How each role's part of the overview is read, acting in that role. */
const PARTS: { [R in Role]-?: (deps: AppDeps, user: User) => Promise<NonNullable<DashboardModel[R]>> } = {
  adviser: async (deps, user) => {
    const open = await listCampaignsByStatus(deps, actingAs(user, 'adviser'), OPEN_SMS_STATUSES);
    return { open: open.filter((c) => c.kind === 'sms') };
  },
  om_liaison: async (deps, user) => ({ queue: await listApprovalQueue(deps, actingAs(user, 'om_liaison')) }),
  area_manager: async (deps) => {
    const campaigns = (await letterCampaigns(deps)).slice(0, 10);
    const letters = await Promise.all(
      campaigns.map(async (campaign) => ({
        campaign,
        overview: await distributionOverview(deps, campaign.id),
      })),
    );
    return { letters };
  },
  distributor: async (deps, user) => ({ rounds: await deps.rounds.listByDistributor(user.id) }),
  admin: async (deps) => ({ activeUsers: (await deps.users.list()).filter((u) => !u.disabled).length }),
};

/**
 * The overview of a signed-in person: for each of their roles, what they can do next. Each role's part is
 * read only for a person holding that role, and acting in that role, so nobody's overview reads more than
 * their role may see.
 */
export async function dashboardFor(deps: AppDeps, user: User): Promise<DashboardModel> {
  const parts = await Promise.all(
    user.roles.map(async (role) => [role, await PARTS[role](deps, user)] as const),
  );
  return Object.fromEntries(parts) as DashboardModel;
}
