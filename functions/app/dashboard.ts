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

/**
 * The overview of a signed-in person: for each of their roles, what they can do next. Each role's part is
 * read only for a person holding that role, and with that role, so nobody's overview reads more than
 * their role may see.
 */
export async function dashboardFor(deps: AppDeps, user: User): Promise<DashboardModel> {
  const model: DashboardModel = {};
  const parts: Promise<void>[] = [];
  const has = (role: Role) => user.roles.includes(role);
  if (has('adviser')) {
    parts.push(
      listCampaignsByStatus(deps, actingAs(user, 'adviser'), OPEN_SMS_STATUSES).then((list) => {
        model.adviser = { open: list.filter((c) => c.kind === 'sms') };
      }),
    );
  }
  if (has('om_liaison')) {
    parts.push(
      listApprovalQueue(deps, actingAs(user, 'om_liaison')).then((queue) => {
        model.om_liaison = { queue };
      }),
    );
  }
  if (has('area_manager')) {
    parts.push(
      (async () => {
        const campaigns = (await letterCampaigns(deps)).slice(0, 10);
        const letters = await Promise.all(
          campaigns.map(async (campaign) => ({
            campaign,
            overview: await distributionOverview(deps, campaign.id),
          })),
        );
        model.area_manager = { letters };
      })(),
    );
  }
  if (has('distributor')) {
    parts.push(
      deps.rounds.listByDistributor(user.id).then((rounds) => {
        model.distributor = { rounds };
      }),
    );
  }
  if (has('admin')) {
    parts.push(
      deps.users.list().then((users) => {
        model.admin = { activeUsers: users.filter((u) => !u.disabled).length };
      }),
    );
  }
  await Promise.all(parts);
  return model;
}
