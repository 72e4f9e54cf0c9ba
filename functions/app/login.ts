import {
  isLoginBlocked,
  LOGIN_WINDOW_MINUTES,
  loginWindowKey,
  newSession,
  type Session,
} from '../core/auth/session.js';
import { RateLimitedError, UnauthenticatedError } from '../core/errors.js';
import type { ExternalIdentity } from '../core/ports.js';
import type { User } from '../core/users/user.schema.js';
import { audit, systemActing } from './audit.js';
import type { AppDeps } from './deps.js';

const GENERIC = 'Onjuiste gebruikersnaam of wachtwoord.';

/**
 * Logs a user in and opens a session. Failures are counted per username so guessing is slowed down, and the
 * message never tells whether the username exists.
 */
export async function login(
  deps: AppDeps,
  input: { username: string; password: string },
): Promise<{ user: User; session: Session }> {
  const now = deps.clock.now();
  const username = input.username.trim().toLowerCase();
  const windowKey = loginWindowKey(now);
  if (isLoginBlocked(await deps.loginThrottle.failures(username, windowKey))) {
    throw new RateLimitedError('Login rate limit reached', {
      userMessage: `Te veel mislukte pogingen. Probeer het over ${LOGIN_WINDOW_MINUTES} minuten opnieuw.`,
    });
  }
  const user = await deps.auth.verifyPassword(username, input.password);
  if (!user) {
    const expires = new Date(now.getTime() + 2 * LOGIN_WINDOW_MINUTES * 60_000);
    await deps.loginThrottle.recordFailure(username, windowKey, expires);
    deps.logger.info('login failed');
    throw new UnauthenticatedError('Invalid credentials', { userMessage: GENERIC });
  }
  const session = newSession(deps.ids.next() + deps.ids.next(), user.id, now);
  await deps.sessions.create(session);
  deps.logger.info('login succeeded', { userId: user.id });
  return { user, session };
}

export async function logout(deps: AppDeps, sessionId: string): Promise<void> {
  await deps.sessions.delete(sessionId);
}

/**
 * Signs in a person an external identity provider vouched for. Their account is created on first sign-in
 * and their roles follow the provider's groups at every sign-in, so role changes are made in one place
 * (the provider) and take effect at the next login. A disabled account stays disabled.
 */
export async function loginWithIdentity(
  deps: AppDeps,
  identity: ExternalIdentity,
): Promise<{ user: User; session: Session }> {
  const now = deps.clock.now().toISOString();
  const existing = await deps.users.get(identity.subject);
  let user: User;
  if (!existing) {
    user = {
      id: identity.subject,
      username: await freeUsername(deps, identity),
      displayName: identity.displayName.slice(0, 120) || identity.username,
      roles: identity.roles,
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await deps.users.create(user, null);
    await audit(deps, systemActing('identity-provider'), {
      action: 'user.changed',
      subjectType: 'user',
      subjectId: user.id,
      details: { changedFields: ['provisioned', ...user.roles] },
    });
  } else {
    if (existing.disabled) {
      throw new UnauthenticatedError('Disabled user signed in through the identity provider', {
        userMessage: 'Uw account is uitgeschakeld. Neem contact op met de beheerder.',
      });
    }
    user = existing;
    if (JSON.stringify(existing.roles) !== JSON.stringify(identity.roles)) {
      user = { ...existing, roles: identity.roles, updatedAt: now };
      await deps.users.update(user);
      await audit(deps, systemActing('identity-provider'), {
        action: 'user.changed',
        subjectType: 'user',
        subjectId: user.id,
        details: { changedFields: ['roles', ...user.roles] },
      });
    }
  }
  const session = newSession(deps.ids.next() + deps.ids.next(), user.id, deps.clock.now());
  await deps.sessions.create(session);
  deps.logger.info('login succeeded', { userId: user.id, via: 'identity-provider' });
  return { user, session };
}

/** The provider's username made to fit ours; a numbered variant when another account already has it. */
async function freeUsername(deps: AppDeps, identity: ExternalIdentity): Promise<string> {
  const base =
    identity.username
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'gebruiker';
  const padded = base.length >= 3 ? base : `${base}-id`;
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? padded : `${padded}-${n}`;
    if (!(await deps.users.findByUsername(candidate))) return candidate;
  }
  return `${padded}-${identity.subject.slice(0, 6).toLowerCase()}`;
}
