import { keyedHash } from '../core/contacts/fingerprint.js';
import { RateLimitedError } from '../core/errors.js';
import type { AppDeps } from './deps.js';

/** How often one address, and everyone together, may use a public page within a window. */
export interface PublicLimit {
  /** Part of the counter keys; one per limit. */
  readonly name: string;
  readonly perAddress: number;
  /** The ceiling for all addresses together: keeps many addresses from flooding the audit trail. */
  readonly everyone: number;
  readonly windowMs: number;
}

export const PUBLIC_LIMITS = {
  clicks: { name: 'clicks', perAddress: 60, everyone: 3_000, windowMs: 60_000 },
  stop: { name: 'stop', perAddress: 10, everyone: 300, windowMs: 600_000 },
  /** Attempts before a password is even checked; the progressive delays per account come after. */
  login: { name: 'login', perAddress: 30, everyone: 3_000, windowMs: 15 * 60_000 },
} as const satisfies Record<string, PublicLimit>;

/** A click on one link is counted once per address and link in this window. */
const CLICK_ONCE_MS = 3_600_000;

export type PublicLimitDeps = Pick<AppDeps, 'rateLimits' | 'clock' | 'secrets'>;

/** The address as a counter key: a keyed hash, so no address is ever stored. */
function addressKey(deps: PublicLimitDeps, client: string): string {
  return keyedHash(`rate-address:${client}`, deps.secrets.hmacKey).slice(0, 32);
}

/**
 * Counts one use of a public page by `client` (the trusted hop's address) and refuses it with a Dutch
 * RateLimitedError when that address, or everyone together, used up the window's allowance. The address's own
 * allowance is taken first, so one address can never use up more of the shared ceiling than its own limit.
 */
export async function checkPublicLimit(
  deps: PublicLimitDeps,
  limit: PublicLimit,
  client: string,
): Promise<void> {
  const now = deps.clock.now();
  const own = `${limit.name}:${addressKey(deps, client)}`;
  if (!(await deps.rateLimits.take(own, limit.perAddress, limit.windowMs, now))) {
    throw new RateLimitedError('Public page rate limit', {
      userMessage:
        'U heeft deze pagina te vaak achter elkaar geopend. Probeer het over een paar minuten opnieuw.',
      context: { limit: limit.name },
    });
  }
  if (!(await deps.rateLimits.take(`${limit.name}:*`, limit.everyone, limit.windowMs, now))) {
    throw new RateLimitedError('Public page global rate limit', {
      userMessage:
        'Deze pagina wordt op dit moment erg vaak gebruikt. Probeer het over een paar minuten opnieuw.',
      context: { limit: limit.name },
    });
  }
}

/** True the first time `client` follows the link `code` in the window: only then is the click counted. */
export function firstClickInWindow(deps: PublicLimitDeps, client: string, code: string): Promise<boolean> {
  const key = `click-once:${keyedHash(`${addressKey(deps, client)} ${code}`, deps.secrets.hmacKey).slice(0, 32)}`;
  return deps.rateLimits.take(key, 1, CLICK_ONCE_MS, deps.clock.now());
}
