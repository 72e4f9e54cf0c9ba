import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TABLES, type TableName } from '../../functions/adapters/dynamodb/tables.js';
import { LETTERS_PREFIX } from '../../functions/adapters/lambda-pdf/protocol.js';
import { acknowledge } from './nag.js';

/** Object key prefixes in the bucket: uploaded contact lists and address files, generated letters. */
export const UPLOADS_PREFIX = 'uploads/';
export { LETTERS_PREFIX } from '../../functions/adapters/lambda-pdf/protocol.js';

/**
 * The platform's data: the DynamoDB tables from the shared table list (the same one the embedded runtime
 * creates), encrypted with a customer-managed KMS key, with point-in-time recovery; the platform secrets;
 * and one bucket for uploads and generated PDFs with the same key.
 */
export class Data extends Construct {
  readonly key: Key;
  readonly tables: Record<Exclude<TableName, 'outbox'>, TableV2>;
  readonly sessionSecret: Secret;
  readonly hmacSecret: Secret;
  readonly bucket: Bucket;
  readonly accessLogsBucket: Bucket;

  constructor(
    scope: Construct,
    id: string,
    props: { production: boolean; retentionDays: number; logRetentionDays: number },
  ) {
    super(scope, id);
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new Key(this, 'DataKey', {
      description: 'Perspectief: encrypts tables, secrets and logs',
      enableKeyRotation: true,
      removalPolicy,
      pendingWindow: Duration.days(30),
    });
    const tables = {} as Record<Exclude<TableName, 'outbox'>, TableV2>;
    for (const spec of TABLES) {
      if (spec.localOnly || spec.name === 'outbox') continue;
      tables[spec.name] = new TableV2(this, `${spec.name[0]!.toUpperCase()}${spec.name.slice(1)}Table`, {
        partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
        sortKey: { name: spec.sortKey, type: AttributeType.STRING },
        billing: Billing.onDemand(),
        encryption: TableEncryptionV2.customerManagedKey(this.key),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: props.production,
        removalPolicy,
        ...(spec.ttlAttribute ? { timeToLiveAttribute: spec.ttlAttribute } : {}),
        globalSecondaryIndexes: spec.indexes.map((index) => ({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
          sortKey: { name: index.sortKey, type: AttributeType.STRING },
        })),
      });
    }
    this.tables = tables;
    const secret = (id: string, description: string) =>
      new Secret(this, id, {
        description,
        encryptionKey: this.key,
        removalPolicy,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
      });
    this.sessionSecret = secret('SessionSecret', 'Perspectief: signs session cookies');
    this.hmacSecret = secret(
      'HmacSecret',
      'Perspectief: keys the hashes of opt-out, do-not-contact and frequency lists',
    );
    for (const s of [this.sessionSecret, this.hmacSecret]) {
      acknowledge(
        s,
        'SMG4',
        'Rotation is a deliberate procedure, not a schedule (PRIVACY.md): `perspectief secrets rotate-hmac` keeps the retired HMAC keys in the secret so existing opt-out and frequency-cap hashes stay matchable, and rotating the session key logs everyone out.',
      );
    }

    // Server access logs: who touched which object. The log bucket cannot use KMS (S3 log delivery writes
    // with SSE-S3 only) and holds object keys, never contents.
    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(props.logRetentionDays) }],
      removalPolicy,
    });
    acknowledge(
      this.accessLogsBucket,
      'S1',
      'This is the access-log bucket; logging it to itself would loop.',
    );
    this.bucket = new Bucket(this, 'Files', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'files/',
      removalPolicy,
      lifecycleRules: [
        {
          id: 'expire-uploads',
          prefix: UPLOADS_PREFIX,
          expiration: Duration.days(props.retentionDays),
        },
        {
          // A PDF behind a download link lives until this rule removes it (the link is valid 5 minutes); the
          // HTML is deleted at once. Both hold addresses, so their old versions go after a day as well.
          id: 'expire-letters',
          prefix: LETTERS_PREFIX,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          // Versioning protects against mistakes for a week; after that a deleted or replaced object is
          // really gone, so the purge and the upload expiry also remove personal data from old versions.
          id: 'forget-old-versions',
          noncurrentVersionExpiration: Duration.days(7),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
  }
}
