import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TABLES, type TableName } from '../../functions/adapters/dynamodb/tables.js';

/**
 * The platform's data: the DynamoDB tables from the shared table list (the same one the embedded runtime
 * creates), encrypted with a customer-managed KMS key, with point-in-time recovery, and the platform secret.
 */
export class Data extends Construct {
  readonly key: Key;
  readonly tables: Record<Exclude<TableName, 'outbox'>, TableV2>;
  readonly sessionSecret: Secret;
  readonly hmacSecret: Secret;

  constructor(scope: Construct, id: string, props: { production: boolean }) {
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
  }
}
