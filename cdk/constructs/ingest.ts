import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { UPLOAD_STAGING_CALLS } from '../../functions/adapters/s3/aws-calls.js';
import { type Data, UPLOADS_PREFIX } from './data.js';
import { PerspectiefFunction } from './function.js';
import type { Operations } from './operations.js';

export interface ContactIngestProps {
  data: Data;
  operations: Operations;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
  metricsNamespace: string;
  /** Largest contact file, the same limit the web function signs into its upload forms. */
  maxUploadBytes: number;
}

/**
 * The contact-file reader: the web function invokes it with a staged file's key (or pasted numbers), and it
 * reads the file from uploads/, deletes it, and stores numbers, reports and audit events. It carries the
 * vCard, CSV and XLSX readers so the web function does not, and its memory (with the CPU share that comes
 * with it) is sized for a 50 MB spreadsheet. It may read and delete only below uploads/.
 */
export class ContactIngest extends Construct {
  readonly function: PerspectiefFunction;

  constructor(scope: Construct, id: string, props: ContactIngestProps) {
    super(scope, id);
    this.function = new PerspectiefFunction(this, 'Reader', {
      handler: 'ingest-contacts',
      description: 'Perspectief: reads uploaded contact files into numbers',
      memorySize: 2048,
      // A job handed over asynchronously: nobody waits on the call, the page shows the job's progress. A
      // 50 MB file takes well under this; a job silent for 2 minutes is shown as stopped and can be retried.
      timeout: Duration.minutes(5),
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      environment: { UPLOAD_MAX_BYTES: String(props.maxUploadBytes) },
    })
      .useTable('TABLE_MAIN', props.data.tables.main, 'readWrite')
      .useTable('TABLE_RECIPIENTS', props.data.tables.recipients, 'readWrite')
      .useTable('TABLE_AUDIT', props.data.tables.audit, 'readWrite')
      .useTable('TABLE_HASHES', props.data.tables.hashes, 'readWrite')
      .useSecret('HMAC_SECRET_ARN', props.data.hmacSecret)
      .useBucket('FILES_BUCKET', props.data.bucket, UPLOAD_STAGING_CALLS.take, UPLOADS_PREFIX)
      .useMetrics(props.metricsNamespace);
    props.operations.watchFunction(this.function);
  }
}
