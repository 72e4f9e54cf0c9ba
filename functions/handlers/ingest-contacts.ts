import { S3Client } from '@aws-sdk/client-s3';
import { answer, decodeFile, IngestRequestSchema } from '../adapters/lambda-ingest/ingest-protocol.js';
import { isJobEvent, type JobEvent } from '../adapters/lambda-jobs/job-event.js';
import { S3UploadStaging } from '../adapters/s3/s3-upload-staging.js';
import { contactJobWorkers, inProcessContactReading } from '../app/contact-files.js';
import type { AppDeps } from '../app/deps.js';
import { runJob } from '../app/jobs.js';
import { parseConfig } from '../config.js';
import type { ContactReading, UploadStaging } from '../core/ports.js';
import { awsDeps } from '../deps.js';

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
  deps: AppDeps,
  staging: UploadStaging,
  event: JobEvent,
): Promise<void> {
  await runJob(deps, event.perspectiefJob.id, contactJobWorkers(staging));
}

const config = parseConfig(process.env);
let wiring: Promise<{ deps: AppDeps; staging: UploadStaging; reading: ContactReading }> | undefined;
/** Wired at the first invocation, not at import, so tests can import the request handling alone. */
function wired() {
  wiring ??= awsDeps(config).then((deps: AppDeps) => {
    const staging = new S3UploadStaging({
      bucket: config.FILES_BUCKET ?? 'unconfigured-FILES_BUCKET',
      region: config.AWS_REGION,
      client: async () => new S3Client({ region: config.AWS_REGION }),
    });
    return { deps, staging, reading: inProcessContactReading(deps, staging) };
  });
  return wiring;
}

export const handler = async (event: unknown) => {
  const { deps, staging, reading } = await wired();
  if (isJobEvent(event)) return handleContactJob(deps, staging, event);
  return handleIngestRequest(reading, event);
};
