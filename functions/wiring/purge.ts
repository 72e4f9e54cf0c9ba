import { DynamoAuditStore } from '../adapters/dynamodb/audit-store.js';
import { DynamoCampaignStore } from '../adapters/dynamodb/campaign-store.js';
import { DynamoContactUploadStore } from '../adapters/dynamodb/contact-upload-store.js';
import { DynamoHashListStore } from '../adapters/dynamodb/hash-list-store.js';
import { DynamoRecipientStore } from '../adapters/dynamodb/recipient-store.js';
import { DynamoSettingsStore } from '../adapters/dynamodb/settings-store.js';
import { type PurgeDeps, type PurgeJobReport, purgeDueCampaigns } from '../app/purge.js';
import type { Config } from '../config.js';
import { awsRuntime, awsTables } from './aws.js';
import { publicBase, purgeRecords } from './stores.js';

/** The purge function: the campaigns and the personal data it deletes, the records it keeps, the audit log. */
export async function buildPurgeDeps(config: Config): Promise<PurgeDeps> {
  const { clock, ids, logger } = awsRuntime(config);
  const table = awsTables(config);
  const main = table('main');
  const recipients = table('recipients');
  return {
    clock,
    logger,
    audit: new DynamoAuditStore(table('audit'), ids),
    campaigns: new DynamoCampaignStore(main),
    contactUploads: new DynamoContactUploadStore(main, recipients),
    hashLists: new DynamoHashListStore(table('hashes')),
    recipients: new DynamoRecipientStore(recipients),
    retention: { records: purgeRecords(main) },
    settings: new DynamoSettingsStore(main),
    sending: { publicBaseUrl: publicBase(config.PERSPECTIEF_PUBLIC_URL ?? '') },
  };
}

/** The nightly run: a campaign that failed fails the invocation, so the dead-letter queue and alarm see it. */
export async function runNightlyPurge(deps: PurgeDeps): Promise<PurgeJobReport> {
  const report = await purgeDueCampaigns(deps);
  if (report.failed.length > 0) throw new Error(`Purge failed for ${report.failed.length} campaign(s)`);
  return report;
}
