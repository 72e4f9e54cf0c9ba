import type {
  AddressSource,
  ApprovalRecordStore,
  AuditStore,
  Auth,
  BlueprintCatalog,
  CampaignStore,
  CaseStore,
  Clock,
  ContactLimits,
  ContactReading,
  ContactUploadStore,
  ExternalLogin,
  FileStore,
  HashListStore,
  Ids,
  JobRunner,
  JobStore,
  LetterBatchStore,
  LetterSelectionStore,
  Logger,
  LoginThrottleStore,
  NotificationDeps,
  PdfRenderer,
  RateLimitStore,
  RecipientStore,
  RetentionDeps,
  RoundStore,
  Secrets,
  SendingDeps,
  SessionStore,
  SettingsStore,
  UploadStaging,
  UserStore,
  WebVersionStore,
  WorkbookReader,
} from '../core/ports.js';
import type { SvgSanitizer } from '../core/settings/logo.js';

export type { Secrets } from '../core/ports.js';

/**
 * Everything a use case may use. A use case declares the part it uses (`Pick<AppDeps, …>`); each deployed
 * function's builder in functions/wiring/ makes only the parts its use cases need, and the web function and
 * the embedded runtime make all of it.
 */
export interface AppDeps {
  clock: Clock;
  ids: Ids;
  logger: Logger;
  secrets: Secrets;
  audit: AuditStore;
  auth: Auth;
  /** Set when people sign in through an identity provider (Cognito in AWS) instead of a password. */
  externalLogin?: ExternalLogin;
  users: UserStore;
  sessions: SessionStore;
  loginThrottle: LoginThrottleStore;
  /** Counters behind the limits of the public pages and the login form, shared by every instance. */
  rateLimits: RateLimitStore;
  settings: SettingsStore;
  /** Cleans an uploaded SVG logo (DOMPurify on jsdom) before it is stored. */
  svgSanitizer: SvgSanitizer;
  cases: CaseStore;
  /** Campaigns of both kinds; SMS and letter use cases share it and the approval use cases. */
  campaigns: CampaignStore;
  contactUploads: ContactUploadStore;
  recipients: RecipientStore;
  approvals: ApprovalRecordStore;
  hashLists: HashListStore;
  blueprints: BlueprintCatalog;
  contactLimits: ContactLimits;
  /** Reads XLSX workbooks into rows (exceljs); only where contact files are read in this process. */
  workbooks: WorkbookReader;
  /** Reading contact files into numbers: in this process locally, in the ingest function in AWS. */
  contactReading: ContactReading;
  /**
   * Where browsers post contact files directly (S3 in AWS), so files never pass through the web function;
   * absent locally, where the web process takes the files itself.
   */
  uploadStaging?: UploadStaging;
  /** Where letter addresses come from: a local BAG extract (or the demo neighbourhood) or PDOK. */
  addresses: AddressSource;
  pdf: PdfRenderer;
  /** Work that outlasts a request (print views, PDFs, reading contact files): its records and its runner. */
  jobs: JobStore;
  jobRunner: JobRunner;
  /** Results too large for a response, handed out through short-lived links (the bucket in AWS). */
  files: FileStore;
  letterSelections: LetterSelectionStore;
  letterBatches: LetterBatchStore;
  rounds: RoundStore;
  webVersions: WebVersionStore;
  /** SMS gateway (SNS in AWS, the local outbox), tracked links and the dispatcher's status per campaign. */
  sending: SendingDeps;
  /** Mails about new tasks (SES in AWS, the local mail outbox) and who opted in to them. */
  notifications: NotificationDeps;
  /** The purge's snapshot and certificate records, and the local outbox it cleans up. */
  retention: RetentionDeps;
}
