import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ChromiumLaunch, ChromiumPdfRenderer } from './adapters/chromium-pdf/chromium-pdf-renderer.js';
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
import { DynamoLetterBatchStore } from './adapters/dynamodb/letter-batch-store.js';
import { DynamoLetterSelectionStore } from './adapters/dynamodb/letter-selection-store.js';
import { DynamoOutboxStore } from './adapters/dynamodb/outbox-store.js';
import { DynamoPurgeRecordStore } from './adapters/dynamodb/purge-record-store.js';
import { DynamoRecipientStore } from './adapters/dynamodb/recipient-store.js';
import { DynamoRoundStore } from './adapters/dynamodb/round-store.js';
import { DynamoLoginThrottleStore, DynamoSessionStore } from './adapters/dynamodb/session-store.js';
import { DynamoSettingsStore } from './adapters/dynamodb/settings-store.js';
import { DynamoTable } from './adapters/dynamodb/table.js';
import type { TableNames } from './adapters/dynamodb/tables.js';
import { DynamoTrackedLinkStore } from './adapters/dynamodb/tracked-link-store.js';
import { DynamoUserStore } from './adapters/dynamodb/user-store.js';
import { DynamoWebVersionStore } from './adapters/dynamodb/web-version-store.js';
import { LambdaPdfRenderer } from './adapters/lambda-pdf/lambda-pdf-renderer.js';
import type { RenderPdfObjectDeps } from './adapters/lambda-pdf/render-pdf-object.js';
import { LocalAuth } from './adapters/local-auth/local-auth.js';
import { createLogger } from './adapters/logger/powertools-logger.js';
import { OutboxSmsGateway } from './adapters/outbox/outbox-sms-gateway.js';
import { PdokAddressSource } from './adapters/pdok/pdok-address-source.js';
import { loadSecrets } from './adapters/secrets-manager/secrets.js';
import { createSnsClient } from './adapters/sns/sns-client.js';
import { SnsSmsGateway } from './adapters/sns/sns-sms-gateway.js';
import { randomIds, systemClock } from './adapters/system/system.js';
import { fileBlueprintCatalog } from './app/blueprints.js';
import type { AppDeps, Secrets } from './app/deps.js';
import { awsResources, type Config } from './config.js';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_ROWS } from './core/contacts/contacts.schema.js';
import type {
  AddressSource,
  Clock,
  ContactLimits,
  ExternalLogin,
  Ids,
  Logger,
  PdfRenderer,
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
  return {
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
  };
}

/** Production wiring: DynamoDB in the function's region, secrets from Secrets Manager, JSON logs. */
export async function awsDeps(config: Config): Promise<AppDeps> {
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
    pdf: awsPdfRenderer(config),
    sms: new SnsSmsGateway(createSnsClient({ region: config.AWS_REGION })),
    publicBaseUrl: config.PERSPECTIEF_PUBLIC_URL ?? '',
    ...(config.BLUEPRINTS_DIR ? { blueprintsDir: config.BLUEPRINTS_DIR } : {}),
    ...cognitoLogin(config),
  });
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
function awsPdfRenderer(config: Config): PdfRenderer {
  if (config.PDF_FUNCTION_NAME && config.FILES_BUCKET) {
    return new LambdaPdfRenderer({
      s3: new S3Client({ region: config.AWS_REGION }),
      lambda: new LambdaClient({ region: config.AWS_REGION }),
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

/**
 * Wiring of the PDF function: S3 for the HTML and the PDF, and one Chromium found by `launcher` (Chromium for
 * Lambda, imported only by that function's handler so no other bundle carries it). Built once per cold
 * start, so warm invocations reuse the running browser.
 */
export function pdfFunctionDeps(
  config: Config,
  launcher: () => Promise<ChromiumLaunch>,
): Omit<RenderPdfObjectDeps, 'statusOf'> {
  return {
    s3: new S3Client({ region: config.AWS_REGION }),
    bucket: config.FILES_BUCKET ?? unconfigured('FILES_BUCKET'),
    renderer: new ChromiumPdfRenderer({ launcher }),
  };
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
