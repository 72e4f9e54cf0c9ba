import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ChromiumPdfRenderer } from './adapters/chromium-pdf/chromium-pdf-renderer.js';
import { CognitoLogin } from './adapters/cognito/cognito-login.js';
import { CognitoTokenVerifier } from './adapters/cognito/cognito-token-verifier.js';
import { DynamoApprovalRecordStore } from './adapters/dynamodb/approval-record-store.js';
import { DynamoAuditStore } from './adapters/dynamodb/audit-store.js';
import { DynamoCampaignStore } from './adapters/dynamodb/campaign-store.js';
import { DynamoCaseStore } from './adapters/dynamodb/case-store.js';
import { createDocumentClient } from './adapters/dynamodb/client.js';
import { DynamoContactUploadStore } from './adapters/dynamodb/contact-upload-store.js';
import { DynamoDispatchStatusStore } from './adapters/dynamodb/dispatch-status-store.js';
import { DynamoHashListStore } from './adapters/dynamodb/hash-list-store.js';
import { DynamoJobStore } from './adapters/dynamodb/job-store.js';
import { DynamoLetterBatchStore } from './adapters/dynamodb/letter-batch-store.js';
import { DynamoLetterSelectionStore } from './adapters/dynamodb/letter-selection-store.js';
import { DynamoOutboxStore } from './adapters/dynamodb/outbox-store.js';
import { DynamoPurgeRecordStore } from './adapters/dynamodb/purge-record-store.js';
import { DynamoRateLimitStore } from './adapters/dynamodb/rate-limit-store.js';
import { DynamoRecipientStore } from './adapters/dynamodb/recipient-store.js';
import { DynamoRoundStore } from './adapters/dynamodb/round-store.js';
import { DynamoLoginThrottleStore, DynamoSessionStore } from './adapters/dynamodb/session-store.js';
import { DynamoSettingsStore } from './adapters/dynamodb/settings-store.js';
import { DynamoTable } from './adapters/dynamodb/table.js';
import type { TableNames } from './adapters/dynamodb/tables.js';
import { DynamoTrackedLinkStore } from './adapters/dynamodb/tracked-link-store.js';
import { DynamoUserStore } from './adapters/dynamodb/user-store.js';
import { DynamoWebVersionStore } from './adapters/dynamodb/web-version-store.js';
import { LambdaContactReading } from './adapters/lambda-ingest/lambda-contact-reading.js';
import { LambdaJobRunner } from './adapters/lambda-jobs/lambda-job-runner.js';
import { LambdaPdfRenderer } from './adapters/lambda-pdf/lambda-pdf-renderer.js';
import { LocalAuth } from './adapters/local-auth/local-auth.js';
import { createLogger } from './adapters/logger/powertools-logger.js';
import { OutboxSmsGateway } from './adapters/outbox/outbox-sms-gateway.js';
import { PdokAddressSource } from './adapters/pdok/pdok-address-source.js';
import { S3FileStore } from './adapters/s3/s3-file-store.js';
import { S3UploadStaging } from './adapters/s3/s3-upload-staging.js';
import { loadSecrets } from './adapters/secrets-manager/secrets.js';
import { randomIds, systemClock } from './adapters/system/system.js';
import { fileBlueprintCatalog } from './app/blueprints.js';
import type { AppDeps, Secrets } from './app/deps.js';
import { awsResources, type Config } from './config.js';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_ROWS } from './core/contacts/contacts.schema.js';
import { UnavailableError } from './core/errors.js';
import type {
  AddressSource,
  Clock,
  ContactLimits,
  ContactReading,
  ExternalLogin,
  FileStore,
  Ids,
  JobRunner,
  Logger,
  PdfRenderer,
  UploadStaging,
} from './core/ports.js';
import type { OutboxSettings } from './core/sending/ports.js';
import type { SmsGateway } from './core/sending/sms-gateway.js';

export interface StoreDeps {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
}

/**
 * The one place that picks adapters. Both the embedded runtime and AWS use the same DynamoDB stores; they
 * differ in endpoint, secrets and the SMS gateway.
 */
export function buildDeps(options: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  secrets: Secrets;
  addresses: AddressSource;
  pdf: PdfRenderer;
  /** Folder of the campaign blueprints; the repository's `campaigns/` by default. */
  blueprintsDir?: string;
  contactLimits?: Partial<ContactLimits>;
  /** The SMS provider; without one, the local outbox (embedded runtime only). */
  sms?: SmsGateway;
  /** Fault injection and receipts of the local outbox. */
  outbox?: Partial<OutboxSettings>;
  /** Where `/r/<code>` links in messages point to. */
  publicBaseUrl?: string;
  /** Sign-in through an identity provider instead of passwords (Cognito in AWS). */
  externalLogin?: ExternalLogin;
  /**
   * Who reads contact files for these deps (the in-process use cases, or the ingest function in AWS);
   * processes that never read any (the jobs) leave it out.
   */
  contactReading?: (deps: AppDeps) => ContactReading;
  /** Staging storage browsers upload contact files to (S3 in AWS). */
  uploadStaging?: UploadStaging;
  /** Where job results go (the bucket in AWS, a local folder); processes that make none leave it out. */
  files?: FileStore;
  /** Who runs the jobs these deps start; processes that start none (the scheduled jobs) leave it out. */
  jobRunner?: (deps: AppDeps) => JobRunner;
}): AppDeps {
  const main = new DynamoTable(options.doc, options.tables.main);
  const recipientsTable = new DynamoTable(options.doc, options.tables.recipients);
  const users = new DynamoUserStore(main);
  const outboxStore =
    options.sms === undefined
      ? new DynamoOutboxStore(new DynamoTable(options.doc, options.tables.outbox))
      : undefined;
  const outbox =
    outboxStore !== undefined
      ? new OutboxSmsGateway(outboxStore, {
          clock: options.clock,
          ids: options.ids,
          ...(options.outbox === undefined ? {} : { settings: options.outbox }),
        })
      : undefined;
  const deps: AppDeps = {
    clock: options.clock,
    ids: options.ids,
    logger: options.logger,
    secrets: options.secrets,
    users,
    audit: new DynamoAuditStore(new DynamoTable(options.doc, options.tables.audit), options.ids),
    auth: new LocalAuth(users),
    ...(options.externalLogin ? { externalLogin: options.externalLogin } : {}),
    sessions: new DynamoSessionStore(main),
    loginThrottle: new DynamoLoginThrottleStore(main),
    rateLimits: new DynamoRateLimitStore(main),
    settings: new DynamoSettingsStore(main),
    cases: new DynamoCaseStore(main),
    campaigns: new DynamoCampaignStore(main),
    contactUploads: new DynamoContactUploadStore(main, recipientsTable),
    recipients: new DynamoRecipientStore(recipientsTable),
    approvals: new DynamoApprovalRecordStore(main),
    hashLists: new DynamoHashListStore(new DynamoTable(options.doc, options.tables.hashes)),
    blueprints: fileBlueprintCatalog(options.blueprintsDir),
    contactLimits: {
      maxFileBytes: options.contactLimits?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      maxRows: options.contactLimits?.maxRows ?? DEFAULT_MAX_ROWS,
    },
    addresses: options.addresses,
    pdf: options.pdf,
    letterSelections: new DynamoLetterSelectionStore(main),
    letterBatches: new DynamoLetterBatchStore(main),
    rounds: new DynamoRoundStore(main),
    webVersions: new DynamoWebVersionStore(main),
    sending: {
      gateway: options.sms ?? outbox!,
      ...(outbox === undefined ? {} : { outbox }),
      links: new DynamoTrackedLinkStore(main),
      dispatchStatus: new DynamoDispatchStatusStore(main),
      publicBaseUrl: (options.publicBaseUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
    },
    retention: {
      records: new DynamoPurgeRecordStore(main),
      ...(outboxStore === undefined ? {} : { outbox: outboxStore }),
    },
    contactReading: noContactReading,
    ...(options.uploadStaging ? { uploadStaging: options.uploadStaging } : {}),
    jobs: new DynamoJobStore(main),
    jobRunner: noJobRunner,
    files: options.files ?? noFiles,
  };
  if (options.contactReading) deps.contactReading = options.contactReading(deps);
  if (options.jobRunner) deps.jobRunner = options.jobRunner(deps);
  return deps;
}

/** For processes that start no jobs: a call is a wiring error, reported as such. */
const noJobRunner: JobRunner = {
  start: () => Promise.reject(new Error('This process starts no jobs; give it a job runner in deps.ts')),
};

const noFiles: FileStore = {
  put: () => Promise.reject(new Error('This process stores no files; give it a file store in deps.ts')),
  link: () => Promise.reject(new Error('This process stores no files; give it a file store in deps.ts')),
};

/** For processes that never read contact files: a call is a wiring error, reported as such. */
const noContactReading: ContactReading = {
  uploadContactFiles: () => Promise.reject(noReader()),
  changeDoNotContact: () => Promise.reject(noReader()),
};

function noReader(): Error {
  return new UnavailableError('This process has no contact-file reader', {
    userMessage: 'Contactbestanden kunnen hier niet worden ingelezen.',
  });
}

/**
 * What one function adds to the shared wiring: only the dispatcher sends SMS, so only its bundle loads the
 * SNS client; the other functions' gateway fails loudly if anything tried to send.
 */
export interface AwsFunctionDeps {
  sms?: SmsGateway;
}

/**
 * Production wiring: DynamoDB in the function's region, secrets from Secrets Manager, JSON logs. SDK clients
 * a function may never need (Lambda, S3) are loaded on first use, so they cost no cold-start time.
 */
export async function awsDeps(config: Config, extra: AwsFunctionDeps = {}): Promise<AppDeps> {
  const resources = awsResources(config);
  const loaded = await loadSecrets(
    new SecretsManagerClient({ region: config.AWS_REGION }),
    resources.secrets,
  );
  const secrets: Secrets = {
    get sessionKey() {
      return loaded.sessionKey ?? unconfigured('SESSION_SECRET_ARN');
    },
    get hmacKey() {
      return loaded.hmacKey ?? unconfigured('HMAC_SECRET_ARN');
    },
    previousHmacKeys: loaded.previousHmacKeys ?? [],
  };
  const table = (name: keyof typeof resources.tables, env: string) =>
    resources.tables[name] ?? `unconfigured-${env}`;
  const clients = lazyClients(config.AWS_REGION);
  return buildDeps({
    doc: createDocumentClient({
      region: config.AWS_REGION,
      ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    }),
    tables: {
      main: table('main', 'TABLE_MAIN'),
      recipients: table('recipients', 'TABLE_RECIPIENTS'),
      audit: table('audit', 'TABLE_AUDIT'),
      hashes: table('hashes', 'TABLE_HASHES'),
      outbox: 'unconfigured-outbox',
    },
    clock: systemClock,
    ids: randomIds,
    logger: createLogger({ service: 'perspectief', level: config.LOG_LEVEL }),
    secrets,
    addresses: new PdokAddressSource({
      locatieserverUrl: config.PDOK_LOCATIESERVER_URL,
      bagOgcUrl: config.PDOK_BAG_OGC_URL,
    }),
    pdf: awsPdfRenderer(config, clients),
    sms: extra.sms ?? unconfiguredSms,
    publicBaseUrl: config.PERSPECTIEF_PUBLIC_URL ?? '',
    ...(config.BLUEPRINTS_DIR ? { blueprintsDir: config.BLUEPRINTS_DIR } : {}),
    ...cognitoLogin(config),
    ...uploadsThroughIngest(config, clients),
    ...jobsThroughLambda(config, clients),
    ...(config.UPLOAD_MAX_BYTES ? { contactLimits: { maxFileBytes: config.UPLOAD_MAX_BYTES } } : {}),
  });
}

const unconfiguredSms: SmsGateway = {
  send: () => unconfigured('an SMS gateway (only the dispatcher sends)'),
  isOptedOut: () => unconfigured('an SMS gateway (only the dispatcher sends)'),
};

/**
 * The web function in AWS: browsers post contact files to the bucket, and the ingest function reads them
 * (and pasted numbers). Both need the function's name and the bucket; without them nothing reads files.
 */
function uploadsThroughIngest(
  config: Config,
  clients: LazyClients,
): Pick<Parameters<typeof buildDeps>[0], 'contactReading' | 'uploadStaging'> {
  const { INGEST_FUNCTION_NAME: functionName, FILES_BUCKET: bucket, AWS_REGION: region } = config;
  if (!functionName || !bucket) return {};
  const reading = new LambdaContactReading({
    functionName,
    client: clients.lambda,
  });
  return {
    contactReading: () => reading,
    uploadStaging: new S3UploadStaging({
      bucket,
      region,
      client: clients.s3,
    }),
  };
}

/**
 * Files and jobs in AWS: results go to the bucket and out through presigned links; letter jobs are handed
 * to the web function itself (an asynchronous call to its own name, which the Lambda runtime sets), contact
 * jobs to the contact reader.
 */
function jobsThroughLambda(
  config: Config,
  clients: LazyClients,
): Pick<Parameters<typeof buildDeps>[0], 'files' | 'jobRunner'> {
  if (!config.FILES_BUCKET) return {};
  const files = new S3FileStore({ bucket: config.FILES_BUCKET, client: clients.s3 });
  const self = config.PDF_FUNCTION_NAME ? config.AWS_LAMBDA_FUNCTION_NAME : undefined;
  const runner = new LambdaJobRunner({
    client: clients.lambda,
    functions: {
      ...(self ? { letters_print: self, letters_pdf: self } : {}),
      ...(config.INGEST_FUNCTION_NAME ? { contacts: config.INGEST_FUNCTION_NAME } : {}),
    },
  });
  return { files, jobRunner: () => runner };
}

interface LazyClients {
  s3: () => Promise<S3Client>;
  lambda: () => Promise<LambdaClient>;
}

/** The S3 and Lambda clients the web function shares between uploads and PDFs, each made on first use. */
function lazyClients(region: string): LazyClients {
  return {
    s3: once(async () => new (await import('@aws-sdk/client-s3')).S3Client({ region })),
    lambda: once(async () => new (await import('@aws-sdk/client-lambda')).LambdaClient({ region })),
  };
}

/** A value made on first use and shared after. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/**
 * A resource this function was not given is used anyway: a deployment error, so it fails loudly. DynamoDB
 * calls on an unconfigured table fail the same way, on its `unconfigured-…` name.
 */
function unconfigured(variable: string): never {
  throw new Error(`This function was not given ${variable}; grant it in the CDK stack before using it`);
}

/**
 * The PDF function when the stack deployed one (the web function has no Chromium of its own). Without it,
 * the Chromium at CHROMIUM_PATH as before, which a Lambda does not have: the person then reads that this
 * deployment cannot make PDFs and what to do instead.
 */
function awsPdfRenderer(config: Config, clients: LazyClients): PdfRenderer {
  if (config.PDF_FUNCTION_NAME && config.FILES_BUCKET) {
    return new LambdaPdfRenderer({
      s3: clients.s3,
      lambda: clients.lambda,
      bucket: config.FILES_BUCKET,
      functionName: config.PDF_FUNCTION_NAME,
      ids: randomIds,
    });
  }
  return new ChromiumPdfRenderer({
    executablePath: config.CHROMIUM_PATH,
    unavailableMessage:
      "Deze installatie kan geen PDF's maken: er is geen PDF-functie. Open de printweergave en kies in de browser Afdrukken en dan Opslaan als PDF.",
  });
}

/** Cognito sign-in when the stack configured a user pool; password sign-in otherwise. */
function cognitoLogin(config: Config): { externalLogin?: ExternalLogin } {
  const {
    COGNITO_USER_POOL_ID: userPoolId,
    COGNITO_CLIENT_ID: clientId,
    COGNITO_SIGN_IN_URL: signInUrl,
  } = config;
  if (!userPoolId || !clientId || !signInUrl) return {};
  const verifier = new CognitoTokenVerifier({ userPoolId, clientId });
  return { externalLogin: new CognitoLogin({ signInUrl, clientId, verifier }) };
}

export function localDocumentClient(endpoint: string): DynamoDBDocumentClient {
  return createDocumentClient({ region: 'eu-west-1', endpoint });
}
