import type {
  AddressSource,
  AuditStore,
  Auth,
  Clock,
  Ids,
  LetterBatchStore,
  LetterSelectionStore,
  Logger,
  LoginThrottleStore,
  PdfRenderer,
  RoundStore,
  Secrets,
  SessionStore,
  SettingsStore,
  UserStore,
  WebVersionStore,
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
  /** Where letter addresses come from: a local BAG extract (or the demo neighbourhood) or PDOK. */
  addresses: AddressSource;
  pdf: PdfRenderer;
  letterSelections: LetterSelectionStore;
  letterBatches: LetterBatchStore;
  rounds: RoundStore;
  webVersions: WebVersionStore;
}
