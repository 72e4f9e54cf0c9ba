import { holds } from '../core/auth/permissions.js';
import type { HashListName } from '../core/ports.js';
import type { Acting } from './audit.js';
import { forbidden } from './campaign-access.js';
import type { AppDeps } from './deps.js';

/** PRODUCT.md: the admin manages exclusion lists; nobody else sees or changes them. */
export function assertAdmin(acting: Acting): void {
  if (!holds(acting.actor.roles, 'admin.manage')) forbidden('manage exclusion lists');
}

/** What `exclusionListCounts` uses. */
export type ExclusionListCountsDeps = Pick<AppDeps, 'clock' | 'hashLists'>;

/** How many entries each exclusion list has now: counts only, for the admin page. */
export async function exclusionListCounts(
  deps: ExclusionListCountsDeps,
  acting: Acting,
): Promise<Record<HashListName, number>> {
  assertAdmin(acting);
  const now = deps.clock.now();
  const [doNotContact, optOut, recentlyMessaged] = await Promise.all([
    deps.hashLists.hashes('do_not_contact', now),
    deps.hashLists.hashes('opt_out', now),
    deps.hashLists.hashes('recently_messaged', now),
  ]);
  return {
    do_not_contact: doNotContact.size,
    opt_out: optOut.size,
    recently_messaged: recentlyMessaged.size,
  };
}
