import * as z from 'zod';
import { RoleSchema } from '../auth/roles.js';

/** A platform account. The password hash never leaves the adapters that verify it. */
export const UserSchema = z.object({
  id: z.string().min(1),
  username: z
    .string()
    .min(3)
    .max(64)
    .regex(/^[a-z0-9._-]+$/),
  displayName: z.string().min(1).max(120),
  roles: z.array(RoleSchema).min(1),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * Sessions opened before this instant (ISO 8601) no longer count: set by a password reset, disabling or
   * enabling, and a change of roles, so each of those ends every session the person had.
   */
  sessionsNotBefore: z.string().optional(),
});
export type User = z.infer<typeof UserSchema>;

export const UsernameSchema = UserSchema.shape.username;

/** Passwords: long enough to resist guessing; no composition rules (NCSC guidance prefers length). */
export const PasswordSchema = z.string().min(12, 'Een wachtwoord heeft minstens 12 tekens.').max(256);
