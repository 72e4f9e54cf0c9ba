import type { Hono } from 'hono';
import type { AppDeps } from '../../app/deps.js';
import type { AppEnv } from '../env.js';
import { caseRoutes } from './cases.js';
import { doNotContactRoutes } from './do-not-contact.js';
import { approvalRoutes } from './sms/approvals.js';
import { smsCampaignRoutes } from './sms/index.js';

/** Cases, SMS campaigns, the OM approval and the do-not-contact list: everything of the SMS-bom flow. */
export function smsRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  caseRoutes(app, deps);
  smsCampaignRoutes(app, deps);
  approvalRoutes(app, deps);
  doNotContactRoutes(app, deps);
}
