import { DynamoApprovalRecordStore } from '../adapters/dynamodb/approval-record-store.js';
import { DynamoAuditStore } from '../adapters/dynamodb/audit-store.js';
import { DynamoCampaignStore } from '../adapters/dynamodb/campaign-store.js';
import { DynamoCaseStore } from '../adapters/dynamodb/case-store.js';
import { DynamoContactUploadStore } from '../adapters/dynamodb/contact-upload-store.js';
import { DynamoDispatchStatusStore } from '../adapters/dynamodb/dispatch-status-store.js';
import { DynamoHashListStore } from '../adapters/dynamodb/hash-list-store.js';
import { DynamoJobStore } from '../adapters/dynamodb/job-store.js';
import { DynamoLetterBatchStore } from '../adapters/dynamodb/letter-batch-store.js';
import { DynamoLetterSelectionStore } from '../adapters/dynamodb/letter-selection-store.js';
import { DynamoPurgeRecordStore } from '../adapters/dynamodb/purge-record-store.js';
import { DynamoRateLimitStore } from '../adapters/dynamodb/rate-limit-store.js';
import { DynamoRecipientStore } from '../adapters/dynamodb/recipient-store.js';
import { DynamoRoundStore } from '../adapters/dynamodb/round-store.js';
import { DynamoLoginThrottleStore, DynamoSessionStore } from '../adapters/dynamodb/session-store.js';
import { DynamoSettingsStore } from '../adapters/dynamodb/settings-store.js';
import type { DynamoTable } from '../adapters/dynamodb/table.js';
import { DynamoTestSmsStore } from '../adapters/dynamodb/test-sms-store.js';
import { DynamoTrackedLinkStore } from '../adapters/dynamodb/tracked-link-store.js';
import { DynamoUserStore } from '../adapters/dynamodb/user-store.js';
import { DynamoWebVersionStore } from '../adapters/dynamodb/web-version-store.js';
import { LocalAuth } from '../adapters/local-auth/local-auth.js';
import type { AppDeps } from '../app/deps.js';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_ROWS } from '../core/contacts/contacts.schema.js';
import type { ContactLimits, Ids } from '../core/ports.js';

/** The shared DynamoDB tables a function's stores live in (the outbox is the embedded runtime's own). */
export interface StoreTables {
  main: DynamoTable;
  recipients: DynamoTable;
  audit: DynamoTable;
  hashes: DynamoTable;
}

/** The stores every process that serves people holds (the web function and the embedded runtime). */
export type AppStores = Pick<
  AppDeps,
  | 'users'
  | 'audit'
  | 'auth'
  | 'sessions'
  | 'loginThrottle'
  | 'rateLimits'
  | 'settings'
  | 'cases'
  | 'campaigns'
  | 'contactUploads'
  | 'recipients'
  | 'approvals'
  | 'hashLists'
  | 'letterSelections'
  | 'letterBatches'
  | 'rounds'
  | 'webVersions'
  | 'jobs'
>;

/** Every store of the web application on DynamoDB; the AWS web function and the embedded runtime share it. */
export function appStores(tables: StoreTables, ids: Ids): AppStores {
  const users = new DynamoUserStore(tables.main);
  return {
    users,
    audit: new DynamoAuditStore(tables.audit, ids),
    auth: new LocalAuth(users),
    sessions: new DynamoSessionStore(tables.main),
    loginThrottle: new DynamoLoginThrottleStore(tables.main),
    rateLimits: new DynamoRateLimitStore(tables.main),
    settings: new DynamoSettingsStore(tables.main),
    cases: new DynamoCaseStore(tables.main),
    campaigns: new DynamoCampaignStore(tables.main),
    contactUploads: new DynamoContactUploadStore(tables.main, tables.recipients),
    recipients: new DynamoRecipientStore(tables.recipients),
    approvals: new DynamoApprovalRecordStore(tables.main),
    hashLists: new DynamoHashListStore(tables.hashes),
    letterSelections: new DynamoLetterSelectionStore(tables.main),
    letterBatches: new DynamoLetterBatchStore(tables.main),
    rounds: new DynamoRoundStore(tables.main),
    webVersions: new DynamoWebVersionStore(tables.main),
    jobs: new DynamoJobStore(tables.main),
  };
}

/** Tracked links, the dispatcher's status per campaign and the test SMS records, all in the main table. */
export function sendingRecords(main: DynamoTable) {
  return {
    links: new DynamoTrackedLinkStore(main),
    dispatchStatus: new DynamoDispatchStatusStore(main),
    testSms: new DynamoTestSmsStore(main),
  };
}

/** The purge's snapshot and certificate records. */
export function purgeRecords(main: DynamoTable) {
  return new DynamoPurgeRecordStore(main);
}

/** How large a contact file may be and how many rows it may have: the defaults unless configured. */
export function contactLimits(overrides: Partial<ContactLimits> = {}): ContactLimits {
  return {
    maxFileBytes: overrides.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxRows: overrides.maxRows ?? DEFAULT_MAX_ROWS,
  };
}

/** The public address without a trailing slash, as links in messages are made from it. */
export function publicBase(url: string): string {
  return url.replace(/\/+$/, '');
}
