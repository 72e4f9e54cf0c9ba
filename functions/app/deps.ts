import type {
  AuditStore,
  Auth,
  Clock,
  Ids,
  Logger,
  LoginThrottleStore,
  SessionStore,
  SettingsStore,
  UserStore,
} from '../core/ports.js';

/** Platform secrets: the session-cookie signing key and the HMAC key for keyed-hash lists. */
export interface Secrets {
  sessionKey: string;
  hmacKey: Uint8Array;
}

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
