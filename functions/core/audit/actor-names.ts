import { ROLE_LABELS, RoleSchema } from '../auth/roles.js';
import { readableWord } from './event-names.js';

/** The jobs that act on their own, by the name they are audited under (`system:<job>`). */
export const SYSTEM_ACTOR_NAMES: Record<string, string> = {
  retention: 'Systeem (bewaartermijn)',
  dispatcher: 'Systeem (verzending)',
  'opt-out-page': 'Systeem (afmeldpagina)',
  'inbound-sms': 'Systeem (inkomende sms)',
  login: 'Systeem (inlogbeveiliging)',
  'identity-provider': 'Systeem (inlogdienst)',
  cli: 'Systeem (beheeropdracht)',
  seed: 'Systeem (installatie)',
};

/** The person shown for a user id that no longer resolves (an account removed since). */
export const UNKNOWN_PERSON = 'Onbekende gebruiker (niet meer aanwezig)';

/** Who a person is, as far as the audit trail needs: their name. */
export interface PersonName {
  displayName: string;
}

/** The Dutch name of a role an event was recorded in, `system` included. */
export function roleName(role: string): string {
  if (role === 'system') return 'Systeem';
  const parsed = RoleSchema.safeParse(role);
  return parsed.success ? ROLE_LABELS[parsed.data] : readableWord(role);
}

/**
 * The name to show for the actor of an event: a person's display name, a job's Dutch name
 * ("Systeem (bewaartermijn)"), or a plain statement that the account is gone. Never a raw id.
 */
export function actorName(userId: string, people: ReadonlyMap<string, PersonName>): string {
  if (userId.startsWith('system:')) {
    const job = userId.slice('system:'.length);
    return Object.hasOwn(SYSTEM_ACTOR_NAMES, job)
      ? (SYSTEM_ACTOR_NAMES[job] as string)
      : `Systeem (${readableWord(job)})`;
  }
  const name = people.get(userId)?.displayName.trim();
  return name ? name : UNKNOWN_PERSON;
}
