import * as z from 'zod';

export const SESSION_HOURS = 8;
export const LOGIN_WINDOW_MINUTES = 15;

export const SessionSchema = z.object({
  id: z.string().min(16),
  userId: z.string().min(1),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;

/** A session lasts a working day (8 h) from login, never sliding, so a stolen cookie ages out. */
export function newSession(id: string, userId: string, now: Date): Session {
  return {
    id,
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
  };
}

export function isSessionValid(session: Session, now: Date): boolean {
  return now.getTime() < Date.parse(session.expiresAt);
}

/**
 * Failed logins are counted per username in fixed 15-minute windows; the window key makes the counter a
 * single conditional-free ADD in the store.
 */
export function loginWindowKey(now: Date): string {
  const windowMs = LOGIN_WINDOW_MINUTES * 60_000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
}
