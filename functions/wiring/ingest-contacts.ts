import { S3Client } from '@aws-sdk/client-s3';
import { DynamoApprovalRecordStore } from '../adapters/dynamodb/approval-record-store.js';
import { DynamoAuditStore } from '../adapters/dynamodb/audit-store.js';
import { DynamoCampaignStore } from '../adapters/dynamodb/campaign-store.js';
import { DynamoContactUploadStore } from '../adapters/dynamodb/contact-upload-store.js';
import { DynamoHashListStore } from '../adapters/dynamodb/hash-list-store.js';
import { DynamoJobStore } from '../adapters/dynamodb/job-store.js';
import { DynamoRecipientStore } from '../adapters/dynamodb/recipient-store.js';
import { DynamoSettingsStore } from '../adapters/dynamodb/settings-store.js';
import { answer, decodeFile, IngestRequestSchema } from '../adapters/lambda-ingest/ingest-protocol.js';
import { isJobEvent, type JobEvent } from '../adapters/lambda-jobs/job-event.js';
import { S3UploadStaging } from '../adapters/s3/s3-upload-staging.js';
import { readXlsx } from '../adapters/xlsx/exceljs-workbook-reader.js';
import type { ContactReadingDeps } from '../app/contact-files.js';
import { contactJobWorkers, inProcessContactReading } from '../app/contact-reading.js';
import { type RunJobDeps, runJob } from '../app/jobs.js';
import type { Config } from '../config.js';
import type { ContactReading, UploadStaging } from '../core/ports.js';
import { awsRuntime, awsSecrets, awsTables, notGranted } from './aws.js';
import { contactLimits, publicBase } from './stores.js';

/** What the contact-reader function holds: the reading use cases' stores, the job records, the staging bucket. */
export interface IngestFunction {
  deps: ContactReadingDeps & RunJobDeps;
  staging: UploadStaging;
  reading: ContactReading;
}

/**
 * The contact-reader function's dependencies. It alone reads contact files, so only its bundle carries the
 * readers; the web function calls it through the Lambda API.
 */
export async function buildIngestFunction(config: Config): Promise<IngestFunction> {
  const { clock, ids, logger } = awsRuntime(config);
  const table = awsTables(config);
  const main = table('main');
  const recipients = table('recipients');
  const deps: IngestFunction['deps'] = {
    clock,
    ids,
    logger,
    secrets: await awsSecrets(config),
    approvals: new DynamoApprovalRecordStore(main),
    audit: new DynamoAuditStore(table('audit'), ids),
    campaigns: new DynamoCampaignStore(main),
    contactUploads: new DynamoContactUploadStore(main, recipients),
    hashLists: new DynamoHashListStore(table('hashes')),
    jobs: new DynamoJobStore(main),
    recipients: new DynamoRecipientStore(recipients),
    settings: new DynamoSettingsStore(main),
    workbooks: readXlsx,
    contactLimits: contactLimits(config.UPLOAD_MAX_BYTES ? { maxFileBytes: config.UPLOAD_MAX_BYTES } : {}),
    sending: { publicBaseUrl: publicBase(config.PERSPECTIEF_PUBLIC_URL ?? '') },
  };
  const staging = new S3UploadStaging({
    bucket: config.FILES_BUCKET ?? notGranted('FILES_BUCKET'),
    region: config.AWS_REGION,
    client: async () => new S3Client({ region: config.AWS_REGION }),
  });
  return { deps, staging, reading: inProcessContactReading(deps, staging) };
}

/** The function's entry: a contact-reading job handed over asynchronously, or a request of the web function. */
export function handleIngestEvent(ingest: IngestFunction, event: unknown) {
  if (isJobEvent(event)) return handleContactJob(ingest.deps, ingest.staging, event);
  return handleIngestRequest(ingest.reading, event);
}

/** One request of the web function: read a campaign's contact file or a do-not-contact list change. */
export async function handleIngestRequest(reading: ContactReading, event: unknown) {
  const request = IngestRequestSchema.parse(event);
  return answer(() => {
    if (request.op === 'contacts') {
      const input =
        'stagedKeys' in request.input
          ? request.input
          : { source: request.input.source, files: request.input.files.map(decodeFile) };
      return reading.uploadContactFiles(request.acting, request.campaignId, input);
    }
    const input =
      'stagedKey' in request.input
        ? request.input
        : {
            ...(request.input.text === undefined ? {} : { text: request.input.text }),
            ...(request.input.file === undefined ? {} : { file: decodeFile(request.input.file) }),
          };
    return reading.changeDoNotContact(request.acting, request.mode, input);
  });
}

/**
 * A contact-reading job handed over asynchronously by the web function: the staged files are read, recorded,
 * and only then removed from staging; progress and outcome go to the job record the person's page shows.
 */
export async function handleContactJob(
  deps: ContactReadingDeps & RunJobDeps,
  staging: UploadStaging,
  event: JobEvent,
): Promise<void> {
  await runJob(deps, event.perspectiefJob.id, contactJobWorkers(staging));
}
