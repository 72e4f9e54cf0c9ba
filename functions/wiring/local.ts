import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client.js';
import { DynamoMailOutboxStore } from '../adapters/dynamodb/mail-outbox-store.js';
import { DynamoMailPreferenceStore } from '../adapters/dynamodb/mail-preference-store.js';
import { DynamoOutboxStore } from '../adapters/dynamodb/outbox-store.js';
import { DynamoTable } from '../adapters/dynamodb/table.js';
import type { TableNames } from '../adapters/dynamodb/tables.js';
import { OutboxMailer } from '../adapters/outbox/outbox-mailer.js';
import { OutboxSmsGateway } from '../adapters/outbox/outbox-sms-gateway.js';
import { domPurifySvgSanitizer } from '../adapters/svg/dompurify-svg-sanitizer.js';
import { LocalFileStore } from '../adapters/system/local-file-store.js';
import { readXlsx } from '../adapters/xlsx/exceljs-workbook-reader.js';
import { fileBlueprintCatalog } from '../app/blueprints.js';
import { contactJobWorkers, inProcessContactReading } from '../app/contact-reading.js';
import type { AppDeps } from '../app/deps.js';
import { inProcessJobRunner, letterJobWorkers } from '../app/jobs.js';
import type {
  AddressSource,
  Clock,
  ContactFileReader,
  ContactLimits,
  FileStore,
  Ids,
  JobRunner,
  Logger,
  PdfRenderer,
  Secrets,
} from '../core/ports.js';
import type { OutboxSettings } from '../core/sending/ports.js';
import type { SmsGateway } from '../core/sending/sms-gateway.js';
import { appStores, contactLimits, publicBase, purgeRecords, sendingRecords } from './stores.js';

/** What the embedded runtime (and tests that stand in for a process) give the local builder. */
export interface LocalOptions {
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
  /** The SMS provider; without one, the local outbox. */
  sms?: SmsGateway;
  /** Fault injection and receipts of the local outbox. */
  outbox?: Partial<OutboxSettings>;
  /** Where `/r/<code>` links in messages point to. */
  publicBaseUrl?: string;
  /** Reads contact files off the request's thread (worker threads); on the thread itself without one. */
  contactFileReader?: ContactFileReader;
  /** Where job results go; a folder under the system's temporary directory by default. */
  files?: FileStore;
  /** The sender of task notifications in the local mail outbox. */
  mailFrom?: string;
}

/** The embedded runtime's dependencies and its background job runner (tests wait on `settled()`). */
export interface LocalDeps {
  deps: AppDeps;
  jobs: JobRunner & { settled(): Promise<void> };
}

/**
 * The embedded runtime's builder: the same DynamoDB stores as AWS, pointed at the embedded server; contact
 * files and jobs in this process; the local outbox unless a gateway is given. Built in one step: the job
 * runner reaches the finished dependencies through a closure, read only when a job runs.
 */
export function buildLocalDeps(options: LocalOptions): LocalDeps {
  const table = (name: keyof TableNames) => new DynamoTable(options.doc, options.tables[name]);
  const main = table('main');
  const stores = appStores(
    { main, recipients: table('recipients'), audit: table('audit'), hashes: table('hashes') },
    options.ids,
  );
  const outboxStore = options.sms ? undefined : new DynamoOutboxStore(table('outbox'));
  const outbox =
    outboxStore &&
    new OutboxSmsGateway(outboxStore, {
      clock: options.clock,
      ids: options.ids,
      ...(options.outbox === undefined ? {} : { settings: options.outbox }),
    });
  const mailer = new OutboxMailer(new DynamoMailOutboxStore(table('outbox')), {
    clock: options.clock,
    ids: options.ids,
    from: options.mailFrom ?? 'perspectief@localhost',
  });
  const base = {
    clock: options.clock,
    ids: options.ids,
    logger: options.logger,
    secrets: options.secrets,
    ...stores,
    blueprints: fileBlueprintCatalog(options.blueprintsDir),
    svgSanitizer: domPurifySvgSanitizer(),
    contactLimits: contactLimits(options.contactLimits),
    workbooks: readXlsx,
    addresses: options.addresses,
    pdf: options.pdf,
    sending: {
      gateway: options.sms ?? outbox!,
      ...(outbox === undefined ? {} : { outbox }),
      ...sendingRecords(main),
      publicBaseUrl: publicBase(options.publicBaseUrl ?? 'http://localhost:3000'),
    },
    notifications: { mailer, outbox: mailer, preferences: new DynamoMailPreferenceStore(main) },
    retention: { records: purgeRecords(main), ...(outboxStore === undefined ? {} : { outbox: outboxStore }) },
    files:
      options.files ??
      new LocalFileStore({
        dir: join(tmpdir(), 'perspectief-files'),
        key: options.secrets.sessionKey,
        clock: options.clock,
      }),
  };
  const reader = options.contactFileReader;
  const jobs = inProcessJobRunner(() => deps, {
    ...letterJobWorkers,
    ...contactJobWorkers(undefined, reader),
  });
  const deps: AppDeps = {
    ...base,
    contactReading: inProcessContactReading(base, undefined, reader),
    jobRunner: jobs,
  };
  return { deps, jobs };
}

/** A document client for the embedded DynamoDB server (or any DynamoDB-API server) at `endpoint`. */
export function localDocumentClient(endpoint: string): DynamoDBDocumentClient {
  return createDocumentClient({ region: 'eu-west-1', endpoint });
}
