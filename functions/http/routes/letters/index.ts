import type { Hono } from 'hono';
import type { AppDeps } from '../../../app/deps.js';
import type { AppEnv } from '../../env.js';
import { distributionRoutes } from '../distribution.js';
import { letterAssetRoutes } from '../letter-assets.js';
import { letterApprovalRoutes } from './approval.js';
import { letterAreaRoutes } from './area.js';
import { letterBatchRoutes } from './batches.js';
import { letterCampaignRoutes } from './campaigns.js';
import { distributionPlanningRoutes } from './planning.js';

/**
 * The area manager's letter pages (campaigns, area and streets, approval, letters, distribution), and with
 * them the distributor's pages, the public web version and the pages' enhancement script. The order
 * matters: `/wijkberichten/adressen` is registered before `/wijkberichten/:id`.
 */
export function letterRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  letterAssetRoutes(app);
  distributionRoutes(app, deps);
  letterCampaignRoutes(app, deps);
  letterApprovalRoutes(app, deps);
  letterAreaRoutes(app, deps);
  letterBatchRoutes(app, deps);
  distributionPlanningRoutes(app, deps);
}
