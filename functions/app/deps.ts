import type {
  AuditStore,
  Auth,
  Clock,
  Ids,
  Logger,
  LoginThrottleStore,
  Secrets,
  SessionStore,
  SettingsStore,
  UserStore,
} from '../core/ports.js';

export type { Secrets } from '../core/ports.js';

/** Everything a use case may use. Built only in functions/deps.ts (AWS or local adapters). */
export interface AppDeps {
  clock: Clock;
  ids: Ids;
  logger: Logger;
  secrets: Secrets;
  audit: AuditStore;
  auth: Auth;
  users: UserStore;
  sessions: SessionStore;
  loginThrottle: LoginThrottleStore;
  settings: SettingsStore;
}
