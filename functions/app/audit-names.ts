import type { AuditEvent, AuditNames } from '../core/audit/index.js';
import type { AppDeps } from './deps.js';

/** What `auditNames` reads. */
export type AuditNamesDeps = Pick<AppDeps, 'users' | 'cases' | 'campaigns'>;

/** Most distinct campaigns whose names one listing looks up; beyond it a campaign is shown by its id. */
const MAX_CAMPAIGN_LOOKUPS = 500;

/**
 * The names of everyone, and of the cases and campaigns `events` refer to, so the trail shows people and
 * cases instead of ids. Accounts removed since stay unresolved and are shown as such.
 */
export async function auditNames(deps: AuditNamesDeps, events: readonly AuditEvent[]): Promise<AuditNames> {
  const campaignIds = [...new Set(events.flatMap((e) => (e.campaignId ? [e.campaignId] : [])))].slice(
    0,
    MAX_CAMPAIGN_LOOKUPS,
  );
  const [users, cases, campaigns] = await Promise.all([
    deps.users.list(),
    deps.cases.list(),
    Promise.all(campaignIds.map((id) => deps.campaigns.get(id))),
  ]);
  return {
    people: new Map(users.map((u) => [u.id, { displayName: u.displayName }])),
    cases: new Map(cases.map((c) => [c.id, c.name])),
    campaigns: new Map(campaigns.flatMap((c) => (c ? [[c.id, c.name] as const] : []))),
  };
}
