import { LOGIN_THROTTLE_RULES, throttleDelayMs } from '../core/auth/login-throttle.js';
import {
  isSessionValid,
  LOGIN_WINDOW_MINUTES,
  loginWindowKey,
  newSession,
  type Session,
} from '../core/auth/session.js';
import { keyedHash } from '../core/contacts/fingerprint.js';
import { RateLimitedError, UnauthenticatedError } from '../core/errors.js';
import type { ExternalIdentity } from '../core/ports.js';
import type { User } from '../core/users/user.schema.js';
import { type Acting, audit, systemActing } from './audit.js';
import type { AppDeps } from './deps.js';

const GENERIC = 'Onjuiste gebruikersnaam of wachtwoord.';
const FAILED_LOGIN_SUBJECT = 'onbekend';

/** What `login` uses. */
export type LoginDeps = Pick<
  AppDeps,
  'audit' | 'auth' | 'clock' | 'ids' | 'logger' | 'loginThrottle' | 'secrets' | 'sessions' | 'users'
>;

/**
 * Logs a user in and opens a session. Failures are counted per account from one address, per address and
 * per account (see core/auth/login-throttle.ts) and slow further attempts down progressively; nothing
 * locks an account for a stranger. The message never tells whether the username exists. Sign-in, failures
 * and the start of a delay are audited; the typed username never is (it may be anything, a phone number too).
 * `client` is the address of the trusted hop, kept only as a keyed hash in the counters.
 */
export async function login(
  deps: LoginDeps,
  input: { username: string; password: string; client?: string },
): Promise<{ user: User; session: Session }> {
  const now = deps.clock.now();
  const username = input.username.trim().toLowerCase().slice(0, 128);
  const windowKey = loginWindowKey(now);
  const address = keyedHash(`login-address:${input.client ?? 'unknown'}`, deps.secrets.hmacKey).slice(0, 32);
  const keys = throttleKeys(username, address);
  let waitUntil = 0;
  for (const { rule, key } of keys) {
    const state = await deps.loginThrottle.state(key, windowKey);
    const delay = throttleDelayMs(rule, state.failures);
    if (delay > 0 && state.lastFailureAt)
      waitUntil = Math.max(waitUntil, Date.parse(state.lastFailureAt) + delay);
  }
  if (waitUntil > now.getTime()) {
    throw new RateLimitedError('Login delayed after failures', {
      userMessage: `Te veel mislukte pogingen. Probeer het opnieuw na ${amsterdamTime(new Date(waitUntil))}.`,
      context: { retryAfterSeconds: Math.ceil((waitUntil - now.getTime()) / 1000) },
    });
  }
  const user = await deps.auth.verifyPassword(username, input.password);
  if (!user) {
    const expires = new Date(now.getTime() + 2 * LOGIN_WINDOW_MINUTES * 60_000);
    const known = await deps.users.findByUsername(username);
    const subjectId = known?.id ?? FAILED_LOGIN_SUBJECT;
    const acting = systemActing('login');
    for (const { rule, key } of keys) {
      const failures = await deps.loginThrottle.recordFailure(key, windowKey, expires, now);
      if (failures === rule.freeFailures) {
        await audit(deps, acting, {
          action: 'user.login_throttled',
          subjectType: 'user',
          subjectId,
          details: { changedFields: [rule.kind], counts: { failures } },
        });
      }
    }
    await audit(deps, acting, { action: 'user.login_failed', subjectType: 'user', subjectId });
    deps.logger.info('login failed');
    throw new UnauthenticatedError('Invalid credentials', { userMessage: GENERIC });
  }
  const session = newSession(deps.ids.next() + deps.ids.next(), user.id, now);
  await deps.sessions.create(session);
  await audit(deps, actingAs(user), { action: 'user.signed_in', subjectType: 'user', subjectId: user.id });
  deps.logger.info('login succeeded', { userId: user.id });
  return { user, session };
}

/** The counters a login attempt is checked against and, when it fails, counted in. */
function throttleKeys(username: string, address: string) {
  return LOGIN_THROTTLE_RULES.map((rule) => ({
    rule,
    key:
      rule.kind === 'account_address'
        ? `${username}@${address}`
        : rule.kind === 'address'
          ? `@${address}`
          : username,
  }));
}

function actingAs(user: User): Acting {
  return {
    actor: { userId: user.id, username: user.username, roles: user.roles },
    role: user.roles[0]!,
  };
}

function amsterdamTime(at: Date): string {
  return at.toLocaleTimeString('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** What `logout` uses. */
export type LogoutDeps = Pick<AppDeps, 'audit' | 'clock' | 'sessions' | 'users'>;

export async function logout(deps: LogoutDeps, sessionId: string): Promise<void> {
  const session = await deps.sessions.get(sessionId);
  await deps.sessions.delete(sessionId);
  const user = session ? await deps.users.get(session.userId) : undefined;
  if (user)
    await audit(deps, actingAs(user), { action: 'user.signed_out', subjectType: 'user', subjectId: user.id });
}

/** What `loginWithIdentity` uses. */
export type LoginWithIdentityDeps = Pick<
  AppDeps,
  'audit' | 'clock' | 'ids' | 'logger' | 'sessions' | 'users'
>;

/**
 * Signs in a person an external identity provider vouched for. Their account is created on first sign-in
 * and their roles follow the provider's groups at every sign-in, so role changes are made in one place
 * (the provider) and take effect at the next login. A disabled account stays disabled.
 */
export async function loginWithIdentity(
  deps: LoginWithIdentityDeps,
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
      // New roles end the sessions opened under the old ones (this login's session comes after).
      user = { ...existing, roles: identity.roles, updatedAt: now, sessionsNotBefore: now };
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
async function freeUsername(deps: Pick<AppDeps, 'users'>, identity: ExternalIdentity): Promise<string> {
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

/**
 * The person a session belongs to, or undefined: disabled users, expired sessions and sessions opened
 * before the person's password, status or roles last changed count as anonymous.
 */
export async function sessionUser(
  deps: Pick<AppDeps, 'sessions' | 'users' | 'clock'>,
  sessionId: string,
): Promise<User | undefined> {
  const stored = await deps.sessions.get(sessionId);
  if (!stored || !isSessionValid(stored, deps.clock.now())) return undefined;
  const user = await deps.users.get(stored.userId);
  const ended = user?.sessionsNotBefore !== undefined && stored.createdAt < user.sessionsNotBefore;
  return user && !user.disabled && !ended ? user : undefined;
}
