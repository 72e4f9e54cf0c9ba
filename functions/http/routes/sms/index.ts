import type { Hono } from 'hono';
import type { AppDeps } from '../../../app/deps.js';
import type { AppEnv } from '../../env.js';
import { approvalRequestRoutes } from './approval-request.js';
import { campaignPageRoutes } from './campaign-page.js';
import { campaignSettingsRoutes } from './settings.js';
import { campaignUploadRoutes } from './uploads.js';
import { campaignVariantRoutes } from './variants.js';

/** The SMS campaign page and its actions: settings, variants (with live feedback), uploads, exclusions, submit. */
export function smsCampaignRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  campaignPageRoutes(app, deps);
  campaignSettingsRoutes(app, deps);
  campaignVariantRoutes(app, deps);
  campaignUploadRoutes(app, deps);
  approvalRequestRoutes(app, deps);
}
