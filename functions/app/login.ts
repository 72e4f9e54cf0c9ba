import {
  isLoginBlocked,
  LOGIN_WINDOW_MINUTES,
  loginWindowKey,
  newSession,
  type Session,
} from '../core/auth/session.js';
import { RateLimitedError, UnauthenticatedError } from '../core/errors.js';
import type { User } from '../core/users/user.schema.js';
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
