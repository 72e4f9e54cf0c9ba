import type { Role } from '../core/auth/roles.js';
import type { Settings } from '../core/settings/settings.schema.js';
import type { User } from '../core/users/user.schema.js';

/** Per-request values the middleware puts on the Hono context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    user: User | undefined;
    sessionId: string | undefined;
    csrfToken: string;
    settings: Settings;
    /** Whether this runtime has the local SMS outbox (embedded default only): its menu entry shows then. */
    localOutbox: boolean;
    /** The role the current page acts under (first of the user's roles allowed on the route). */
    role: Role | undefined;
    /** Set when the request body went over its limit while being read. */
    bodyTooLarge: Error | undefined;
  };
}
