import { randomInt } from 'node:crypto';
import type { Role } from '../core/auth/roles.js';
import { ValidationError } from '../core/errors.js';
import { userNotFound } from '../core/users/user.errors.js';
import { PasswordSchema, type User, UsernameSchema } from '../core/users/user.schema.js';
import { type Acting, audit } from './audit.js';
import type { AppDeps } from './deps.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A 20-character random password without look-alike characters (about 114 bits). */
export function generatePassword(): string {
  return Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** What `createUser` uses. */
export type CreateUserDeps = Pick<AppDeps, 'audit' | 'auth' | 'clock' | 'ids' | 'users'>;

/** Creates an account with the given or a generated password; returns the password so it can be handed over once. */
export async function createUser(
  deps: CreateUserDeps,
  acting: Acting,
  input: { username: string; displayName: string; roles: Role[]; password?: string },
): Promise<{ user: User; password: string }> {
  const username = input.username.trim().toLowerCase();
  if (!UsernameSchema.safeParse(username).success) {
    throw new ValidationError('Invalid username', {
      userMessage:
        'Een gebruikersnaam heeft 3 tot 64 tekens: kleine letters, cijfers, punt, liggend streepje of underscore.',
    });
  }
  if (input.displayName.trim().length === 0) {
    throw new ValidationError('Empty display name', { userMessage: 'Vul een naam in.' });
  }
  if (input.roles.length === 0) {
    throw new ValidationError('No roles', { userMessage: 'Kies minstens één rol.' });
  }
  const password = input.password ?? generatePassword();
  const checked = PasswordSchema.safeParse(password);
  if (!checked.success) {
    throw new ValidationError('Weak password', { userMessage: 'Een wachtwoord heeft minstens 12 tekens.' });
  }
  const now = deps.clock.now().toISOString();
  const user: User = {
    id: deps.ids.next(),
    username,
    displayName: input.displayName.trim(),
    roles: [...new Set(input.roles)],
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
  await deps.users.create(user, await deps.auth.hashPassword(password));
  await audit(deps, acting, {
    action: 'user.changed',
    subjectType: 'user',
    subjectId: user.id,
    details: { changedFields: ['created', ...user.roles] },
  });
  return { user, password };
}

export async function listUsers(deps: Pick<AppDeps, 'users'>): Promise<User[]> {
  return (await deps.users.list()).sort((a, b) => a.username.localeCompare(b.username));
}

async function requireUser(deps: Pick<AppDeps, 'users'>, userId: string): Promise<User> {
  const user = await deps.users.get(userId);
  if (!user) throw userNotFound(userId);
  return user;
}

/** What `setUserDisabled` uses. */
export type SetUserDisabledDeps = Pick<AppDeps, 'audit' | 'clock' | 'users'>;

/** Disables or re-enables an account; either ends every session the person had, at their next request. */
export async function setUserDisabled(
  deps: SetUserDisabledDeps,
  acting: Acting,
  userId: string,
  disabled: boolean,
): Promise<User> {
  const user = await requireUser(deps, userId);
  if (disabled && userId === acting.actor.userId) {
    throw new ValidationError('Admin cannot disable own account', {
      userMessage: 'U kunt uw eigen account niet uitschakelen; vraag een andere beheerder.',
    });
  }
  // Both ways end the person's sessions: re-enabling an account never revives a session from before.
  const now = deps.clock.now().toISOString();
  const updated = { ...user, disabled, updatedAt: now, sessionsNotBefore: now };
  await deps.users.update(updated);
  await audit(deps, acting, {
    action: 'user.changed',
    subjectType: 'user',
    subjectId: user.id,
    details: { changedFields: [disabled ? 'disabled' : 'enabled'] },
  });
  return updated;
}

/** What `resetPassword` uses. */
export type ResetPasswordDeps = Pick<AppDeps, 'audit' | 'auth' | 'clock' | 'users'>;

/** Sets a new generated password, ends every session of the person, and returns the password once. */
export async function resetPassword(
  deps: ResetPasswordDeps,
  acting: Acting,
  userId: string,
): Promise<{ user: User; password: string }> {
  const user = await requireUser(deps, userId);
  const password = generatePassword();
  await deps.users.setCredential(user.id, await deps.auth.hashPassword(password));
  // Whoever had the old password (and a session from it) is signed out everywhere.
  const now = deps.clock.now().toISOString();
  await deps.users.update({ ...user, updatedAt: now, sessionsNotBefore: now });
  await audit(deps, acting, {
    action: 'user.changed',
    subjectType: 'user',
    subjectId: user.id,
    details: { changedFields: ['password'] },
  });
  return { user, password };
}
