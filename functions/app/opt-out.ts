import type { CountryCode } from 'libphonenumber-js/min';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { keyedHash } from '../core/contacts/fingerprint.js';
import { audit, systemActing } from './audit.js';
import type { AppDeps } from './deps.js';
import { getSettings } from './settings.js';

/** What recording an opt-out uses: the settings (default region), the hash lists and the audit log. */
export type OptOutDeps = Pick<AppDeps, 'settings' | 'clock' | 'hashLists' | 'secrets' | 'audit'>;

/**
 * Puts a number on the permanent opt-out list as its keyed hash; the number itself is not kept. Returns
 * nothing on purpose: the public page answers the same whatever was entered, so nobody can learn whether a
 * number was known. Unreadable input changes nothing.
 */
export async function recordOptOut(
  deps: OptOutDeps,
  input: { number: string; channel: 'web' | 'sms' },
): Promise<void> {
  const settings = await getSettings(deps);
  const parsed = parsePhoneNumberFromString(
    input.number.trim().slice(0, 40),
    settings.defaultRegion as CountryCode,
  );
  if (parsed === undefined || !parsed.isPossible()) return;
  const now = deps.clock.now();
  await deps.hashLists.add(
    'opt_out',
    [{ hash: keyedHash(parsed.number, deps.secrets.hmacKey) }],
    now.toISOString(),
  );
  await audit(deps, systemActing(input.channel === 'web' ? 'opt-out-page' : 'inbound-sms'), {
    action: 'optout.recorded',
    subjectType: 'exclusion_list',
    subjectId: 'opt_out',
    details: { counts: { numbers: 1 } },
  });
}
