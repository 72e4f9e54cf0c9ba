import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { StageConfigSchema } from '../../cdk/config.js';
import { PerspectiefStack } from '../../cdk/stacks/perspectief-stack.js';
import { TABLES } from '../../functions/adapters/dynamodb/tables.js';

function synth(stage: string): Template {
  const app = new App();
  const config = StageConfigSchema.parse({ stage, municipality: 'Teststad', logRetentionDays: 90 });
  const stack = new PerspectiefStack(app, `Test-${stage}`, { config, env: { region: 'eu-central-1' } });
  return Template.fromStack(stack);
}

describe('the CDK stack', () => {
  let test: Template;
  let prod: Template;
  beforeAll(() => {
    test = synth('test');
    prod = synth('prod');
  }, 120_000);

  it('declares every AWS table of the shared table list, keys and indexes included', () => {
    const awsTables = TABLES.filter((t) => !t.localOnly);
    test.resourceCountIs('AWS::DynamoDB::GlobalTable', awsTables.length);
    for (const spec of awsTables) {
      test.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: spec.partitionKey, KeyType: 'HASH' },
          { AttributeName: spec.sortKey, KeyType: 'RANGE' },
        ],
        ...(spec.indexes.length > 0
          ? {
              GlobalSecondaryIndexes: spec.indexes.map((i) =>
                Match.objectLike({
                  IndexName: i.name,
                  KeySchema: [
                    { AttributeName: i.partitionKey, KeyType: 'HASH' },
                    { AttributeName: i.sortKey, KeyType: 'RANGE' },
                  ],
                }),
              ),
            }
          : {}),
      });
    }
  });

  it('encrypts every table with the customer-managed key and keeps point-in-time recovery on', () => {
    const tables = test.findResources('AWS::DynamoDB::GlobalTable');
    for (const table of Object.values(tables)) {
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      const replica = table.Properties.Replicas[0];
      expect(replica.SSESpecification.KMSMasterKeyId).toBeDefined();
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    }
    test.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('retains data and protects tables from deletion in production only', () => {
    for (const table of Object.values(prod.findResources('AWS::DynamoDB::GlobalTable'))) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    }
    for (const table of Object.values(test.findResources('AWS::DynamoDB::GlobalTable'))) {
      expect(table.DeletionPolicy).toBe('Delete');
    }
  });

  it('runs the web app as one Node 22 arm64 Lambda with tracing and its own log group with retention', () => {
    test.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: Match.objectLike({
          TABLE_MAIN: Match.anyValue(),
          TABLE_AUDIT: Match.anyValue(),
          SESSION_SECRET_ARN: Match.anyValue(),
          HMAC_SECRET_ARN: Match.anyValue(),
          STYLESHEET_DIR: '/var/task/assets',
        }),
      },
    });
    const groups = Object.values(test.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(90);
  });

  it('grants the web function exactly the tables and secrets it is told about', () => {
    const policies = Object.values(test.findResources('AWS::IAM::Policy'));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'secretsmanager:GetSecretValue']),
    );
    expect(actions).not.toContain('sns:Publish');
    expect(actions.some((a: string) => a === '*' || a.endsWith(':*'))).toBe(false);
  });

  it('puts the app behind an HTTP API with throttling and access logs without IP addresses', () => {
    test.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    test.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const stage = Object.values(test.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const format = String(stage.Properties.AccessLogSettings.Format);
    expect(format).toContain('$context.requestId');
    expect(format).not.toContain('sourceIp');
  });

  it('generates the session and HMAC secrets, encrypted with the data key', () => {
    test.resourceCountIs('AWS::SecretsManager::Secret', 2);
    test.allResourcesProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
      KmsKeyId: Match.anyValue(),
    });
  });
});
