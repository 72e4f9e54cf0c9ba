import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ChromiumPdfRenderer } from './adapters/chromium-pdf/chromium-pdf-renderer.js';
import { DynamoApprovalRecordStore } from './adapters/dynamodb/approval-record-store.js';
import { DynamoAuditStore } from './adapters/dynamodb/audit-store.js';
import { DynamoCampaignStore } from './adapters/dynamodb/campaign-store.js';
import { DynamoCaseStore } from './adapters/dynamodb/case-store.js';
import { createDocumentClient } from './adapters/dynamodb/client.js';
import { DynamoContactUploadStore } from './adapters/dynamodb/contact-upload-store.js';
import { DynamoHashListStore } from './adapters/dynamodb/hash-list-store.js';
import { DynamoLetterBatchStore } from './adapters/dynamodb/letter-batch-store.js';
import { DynamoLetterSelectionStore } from './adapters/dynamodb/letter-selection-store.js';
import { DynamoRecipientStore } from './adapters/dynamodb/recipient-store.js';
import { DynamoRoundStore } from './adapters/dynamodb/round-store.js';
import { DynamoLoginThrottleStore, DynamoSessionStore } from './adapters/dynamodb/session-store.js';
import { DynamoSettingsStore } from './adapters/dynamodb/settings-store.js';
import { DynamoTable } from './adapters/dynamodb/table.js';
import type { TableNames } from './adapters/dynamodb/tables.js';
import { DynamoUserStore } from './adapters/dynamodb/user-store.js';
import { DynamoWebVersionStore } from './adapters/dynamodb/web-version-store.js';
import { LocalAuth } from './adapters/local-auth/local-auth.js';
import { createLogger } from './adapters/logger/powertools-logger.js';
import { PdokAddressSource } from './adapters/pdok/pdok-address-source.js';
import { loadSecrets } from './adapters/secrets-manager/secrets.js';
import { randomIds, systemClock } from './adapters/system/system.js';
import { fileBlueprintCatalog } from './app/blueprints.js';
import type { AppDeps, Secrets } from './app/deps.js';
import { type Config, requireAwsResources } from './config.js';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_ROWS } from './core/contacts/contacts.schema.js';
import type { AddressSource, Clock, ContactLimits, Ids, Logger, PdfRenderer } from './core/ports.js';

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
}): AppDeps {
  const main = new DynamoTable(options.doc, options.tables.main);
  const recipientsTable = new DynamoTable(options.doc, options.tables.recipients);
  const users = new DynamoUserStore(main);
  return {
    clock: options.clock,
    ids: options.ids,
    logger: options.logger,
    secrets: options.secrets,
    users,
    audit: new DynamoAuditStore(new DynamoTable(options.doc, options.tables.audit), options.ids),
    auth: new LocalAuth(users),
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
  };
}

/** Production wiring: DynamoDB in the function's region, secrets from Secrets Manager, JSON logs. */
export async function awsDeps(config: Config): Promise<AppDeps> {
  const resources = requireAwsResources(config);
  const secrets = await loadSecrets(
    new SecretsManagerClient({ region: config.AWS_REGION }),
    resources.secrets,
  );
  return buildDeps({
    doc: createDocumentClient({
      region: config.AWS_REGION,
      ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    }),
    tables: { ...resources.tables, outbox: '' },
    clock: systemClock,
    ids: randomIds,
    logger: createLogger({ service: 'perspectief', level: config.LOG_LEVEL }),
    secrets,
    addresses: new PdokAddressSource({
      locatieserverUrl: config.PDOK_LOCATIESERVER_URL,
      bagOgcUrl: config.PDOK_BAG_OGC_URL,
    }),
    pdf: new ChromiumPdfRenderer({ executablePath: config.CHROMIUM_PATH }),
  });
}

export function localDocumentClient(endpoint: string): DynamoDBDocumentClient {
  return createDocumentClient({ region: 'eu-west-1', endpoint });
}
